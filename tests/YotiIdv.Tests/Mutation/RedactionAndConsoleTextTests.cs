#pragma warning disable CA1845 // string + Substring keeps each expected text readable; speed does not matter here
using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using YotiIdv.Tests.Cmdlets;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Mutation;

/// <summary>
/// The Core's root helpers word for word (the root survivors): what redaction leaves of a line (the label stays, the
/// secret goes, in any letter case), exactly which characters a key echo masks, how text is cut, which characters a
/// console shows escaped, and how ids are refused and shown. The earlier tests checked only that a secret was gone.
/// </summary>
// Registering keys changes the process-wide key registry (and one test fills it): run apart from every test that
// connects, and register the test key again at the end.
[Collection(ConnectionStateCollection.Name)]
public sealed class RedactionAndConsoleTextTests : IDisposable
{
    private const string Mask = "-----REDACTED KEY-----";

    public void Dispose() => Redaction.RegisterKey(File.ReadAllText(TestPaths.PrivateKeyPath));

    [Theory]
    [InlineData("X-Yoti-Auth-Digest: abc123+/== next", "X-Yoti-Auth-Digest: *** next")]
    [InlineData("x-yoti-auth-digest=abc;rest", "x-yoti-auth-digest=***;rest")]
    [InlineData("GET /a?sdkId=1&NONCE=abc-123#frag", "GET /a?sdkId=1&NONCE=***#frag")]
    [InlineData("GET /a?nonce=abc&b=2", "GET /a?nonce=***&b=2")]
    [InlineData("{\"API_KEY\": \"s\\\"x\",\"a\":1}", "{\"API_KEY\": \"***\",\"a\":1}")]
    [InlineData("{\"client_session_token\":\"t\",\"auth_token\":\"u\"}", "{\"client_session_token\":\"***\",\"auth_token\":\"***\"}")]
    [InlineData("CLIENT_SESSION_TOKEN=abc def", "CLIENT_SESSION_TOKEN=*** def")]
    [InlineData("the Client Session Token 0f6f2c1e5b1a4d0b9c55 is bad", "the Client Session Token *** is bad")]
    [InlineData("AUTHORIZATION: Bearer abc.def rest", "AUTHORIZATION: Bearer *** rest")]
    [InlineData("x -----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY----- y", "x -----REDACTED KEY----- y")]
    [InlineData("x -----begin rsa private key-----\nMIIB and no end", "x -----REDACTED KEY-----")]
    [InlineData("nothing secret here", "nothing secret here")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void RedactionKeepsTheLabelAndMasksOnlyTheSecret(string? text, string expected) =>
        Assert.Equal(expected, Redaction.Redact(text));

    [Theory]
    [InlineData("abcdef", 6, "abcdef")]
    [InlineData("abcdefg", 6, "abcdef … [cut: 1 more characters]")]
    [InlineData("abcde\uD83D\uDE00xy", 6, "abcde … [cut: 4 more characters]")]
    [InlineData(null, 5, "")]
    public void CapCutsAtTheLengthSayingHowMuchWasCut_NeverInsideASurrogatePair(string? text, int max, string expected) =>
        Assert.Equal(expected, Redaction.Cap(text!, max));

    [Fact]
    public void RedactBodyRedactsThenCutsWithAnEllipsis()
    {
        Assert.Null(Redaction.RedactBody(null));
        Assert.Equal("12345", Redaction.RedactBody("12345", 5));
        Assert.Equal("12345…", Redaction.RedactBody("123456", 5));
        Assert.Equal("{\"api_key\":\"***\"}", Redaction.RedactBody("{\"api_key\":\"secret-value\"}", 512));
        Assert.Equal(new string('a', 512) + "…", Redaction.RedactBody(new string('a', 600)));
    }

    [Fact]
    public void AKeyEchoIsMaskedOverTheKeysExtentOnly_InEveryEncoding()
    {
        string key = Key(1);
        Redaction.RegisterKey("-----BEGIN PRIVATE KEY-----\n" + key + "\n-----END PRIVATE KEY-----");
        Assert.Equal("a " + Mask + " b", Redaction.Redact("a " + key + " b"));
        Assert.Equal("ab cd " + Mask + ".", Redaction.Redact("ab cd " + key + "."));                  // a third run on the line
        Assert.Equal("[" + Mask + "]", Redaction.Redact("[" + key.Substring(10, 63) + "]"));       // any 63 characters of it
        Assert.Equal("[" + Mask + "]", Redaction.Redact("[" + key.Substring(32, 32) + "]"));       // one aligned piece exactly
        Assert.Equal(Mask, Redaction.Redact(key.Substring(0, 32)));                                    // a text of one piece
        Assert.Equal("[" + key.Substring(0, 31) + "]", Redaction.Redact("[" + key.Substring(0, 31) + "]"));
        Assert.Equal(Mask + "QQQQ", Redaction.Redact(key.Substring(32) + "QQQQ"));                     // the run goes on after the key
        Assert.Equal(Mask, Redaction.Redact("QQQQ" + key.Substring(32)));                              // a partial echo: masked back to where the key would start
        Assert.Equal(Mask, Redaction.Redact(key.Replace('+', '-').Replace('/', '_')));                 // base64url
        string escaped = string.Concat(key.Select((c, i) => (i % 20 == 19 ? (i % 60 == 19 ? "\\n" : i % 60 == 39 ? "\\r" : "\\t") : string.Empty)
            + (c == '+' ? "\\u002B" : c == '/' ? "\\/" : c.ToString())));
        Assert.Equal("{\"k\":\"" + Mask + "\"}", Redaction.Redact("{\"k\":\"" + escaped + "\"}"));    // JSON escapes, escaped whitespace
        Assert.Equal("{\"k\":\"" + Mask + "\"}", Redaction.Redact("{\"k\":\"" + key.Substring(0, 40) + "\\u0020" + key.Substring(40) + "\"}"));
        Assert.Equal(Mask + "\\q0041 z", Redaction.Redact(key.Substring(0, 32) + "\\q0041 z"));          // not an escape: ends the run
        Assert.Equal(Mask + "\\" + Mask, Redaction.Redact(key.Substring(0, 48) + "\\u0021" + key.Substring(48))); // "u0021" joins the next run
        Assert.Equal(Mask + "\\", Redaction.Redact(key + "\\"));                                       // a last lone backslash
        Assert.Equal(Mask + "\\u002", Redaction.Redact(key + "\\u002"));                                // an escape cut short
    }

    [Fact]
    public void EveryArmouredBlockIsRegisteredOnItsOwn_AndShortOnesAreNot()
    {
        string first = Key(2) + Key(6).Substring(10, 4); // 100 characters: a run-on of the two would misalign the second
        string second = Key(3);
        string exactlyTwoPieces = Key(4).Substring(0, 64);
        string tooShort = Key(5).Substring(0, 40);
        Redaction.RegisterKey("-----BEGIN A-----\n" + first + "\n-----END A-----\n-----BEGIN B-----\n" + second + "\n-----END B-----");
        Redaction.RegisterKey("-----BEGIN C-----\n" + exactlyTwoPieces + "\n-----END C-----\n-----BEGIN D-----\n" + tooShort + "\n-----END D-----");
        Assert.Equal("[" + Mask + "]", Redaction.Redact("[" + first + "]"));
        Assert.Equal("[" + Mask + "]", Redaction.Redact("[" + second + "]"));
        Assert.Equal("[" + Mask + "]", Redaction.Redact("[" + exactlyTwoPieces + "]"));
        Assert.Equal("[" + tooShort + "]", Redaction.Redact("[" + tooShort + "]"));
    }

    [Fact]
    public void TheRegistryKeepsTheLast16Keys_ARepeatedKeyTakingNoSecondPlace()
    {
        string oldest = Key(100);
        string repeated = Key(101);
        Redaction.RegisterKey(oldest);
        Redaction.RegisterKey(repeated);
        for (int i = 0; i < 14; i++)
        {
            Redaction.RegisterKey(repeated); // no new place: still 2 keys
        }

        for (int i = 0; i < 14; i++)
        {
            Redaction.RegisterKey(Key(110 + i)); // 16 keys now
        }

        Assert.Equal(Mask, Redaction.Redact(oldest));
        Redaction.RegisterKey(Key(130)); // the 17th: the oldest is forgotten
        Assert.Equal(oldest, Redaction.Redact(oldest));
        Assert.Equal(Mask, Redaction.Redact(repeated));
        Assert.Equal(Mask, Redaction.Redact(Key(110)));
    }

    [Theory]
    [InlineData('\u0000', true)]
    [InlineData('\u001F', true)]
    [InlineData(' ', false)]
    [InlineData('~', false)]
    [InlineData('\u007F', true)]
    [InlineData('\u009F', true)]
    [InlineData('\u00A0', false)]
    [InlineData('\u2029', false)]
    [InlineData('\u202A', true)]
    [InlineData('\u202E', true)]
    [InlineData('\u202F', false)]
    [InlineData('\u2065', false)]
    [InlineData('\u2066', true)]
    [InlineData('\u2069', true)]
    [InlineData('\u206A', false)]
    public void TheConsoleEscapesControlAndBidiCharactersOnly(char c, bool unsafeChar)
    {
        Assert.Equal(unsafeChar, ConsoleText.IsUnsafe(c));
        Assert.Equal(unsafeChar, ConsoleText.HasUnsafe("ab" + c));
        Assert.Equal(unsafeChar ? "ab\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + "z" : "ab" + c + "z", ConsoleText.Escape("ab" + c + "z"));
    }

    [Fact]
    public void ConsoleTextOfNullsNumbersAndObjects()
    {
        Assert.False(ConsoleText.HasUnsafe(null));
        Assert.False(ConsoleText.HasUnsafe(string.Empty));
        Assert.Null(ConsoleText.Escape((string?)null));
        Assert.Null(ConsoleText.Escape((object?)null));
        Assert.Equal("a\\u001B[2Jb\\u000A", ConsoleText.Escape((object)"a\u001B[2Jb\n"));
        CultureInfo culture = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal("1.5", ConsoleText.Escape((object)1.5));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = culture;
        }

        Assert.Equal("x\\u0007", ConsoleText.Escape(new Bell()));
    }

    [Fact]
    public void IdsUpTo128CharactersAreAccepted_LongerOnesRefusedSayingWhy()
    {
        Assert.Equal(new string('a', 128), YotiId.Normalize(" " + new string('a', 128) + "\t", out string? reason));
        Assert.Null(reason);
        Assert.Null(YotiId.Normalize(new string('a', 129), out reason));
        Assert.Equal("the id is longer than 128 characters", reason);
        Assert.Null(YotiId.Normalize("  ", out reason));
        Assert.Equal("the id is empty", reason);
        Assert.Null(YotiId.Normalize("a/b", out reason));
        Assert.Equal("the id may contain only letters, digits, '-' and '_' (Yoti ids are UUIDs)", reason);
    }

    [Fact]
    public void AnIdIsShownWithoutControlCharactersAndCutAfter80()
    {
        Assert.Equal("<null>", YotiId.ForDisplay(null));
        Assert.Equal(new string('b', 80), YotiId.ForDisplay(new string('b', 80)));
        Assert.Equal(new string('b', 80) + "…", YotiId.ForDisplay(new string('b', 81)));
        Assert.Equal("a?b?", YotiId.ForDisplay("a\u001Bb\n"));
        Assert.True(YotiId.IsUuid("52098976-42d0-4051-a80f-7fc3438e4d9e"));
        Assert.False(YotiId.IsUuid("5209897642d04051a80f7fc3438e4d9e"));
        Assert.Equal("The response is not valid data.", new YotiInvalidDataException().Message);
    }

    /// <summary>96 base64 characters (three pieces), starting with '+' and '/' so every encoding is exercised.</summary>
    private static string Key(int seed)
    {
        var bytes = new byte[72];
        new Random(seed).NextBytes(bytes);
        new byte[] { 0xFB, 0xEF, 0xBE, 0xFF, 0xFF, 0xFF }.CopyTo(bytes, 0);
        return Convert.ToBase64String(bytes);
    }

    private sealed class Bell
    {
        public override string ToString() => "x\u0007";
    }
}
