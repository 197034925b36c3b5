using System;
using System.Linq;
using System.Text;
using YotiIdv.Proof;

namespace YotiIdv.Tests.Mutation;

/// <summary>
/// Each way a text is not I-JSON, with where and what the message says (a report that cannot be parsed is
/// Malformed, and the message is what an investigator reads), and the limits at their edges (the Proof
/// survivors: the canonicalizer tests checked valid input and only some refusals, by type).
/// </summary>
public sealed class JsonCanonicalizerErrorTests
{
    [Theory]
    [InlineData("{} x", 3, "text after the JSON value")]
    [InlineData("", 0, "unexpected end of text")]
    [InlineData("  ", 2, "unexpected end of text")]
    [InlineData("@", 0, "unexpected character '@'")]
    [InlineData("\u0001", 0, "unexpected character 'U+0001'")]
    [InlineData("\u007f", 0, "unexpected character 'U+007F'")]
    [InlineData("{1:2}", 1, "expected a member name")]
    [InlineData("{\"a\":1,\"a\":2}", 10, "a member name appears twice in one object (I-JSON forbids it)")]
    [InlineData("{\"a\":1 \"b\":2}", 7, "expected ',' or '}'")]
    [InlineData("{\"a\" 1}", 5, "expected ':'")]
    [InlineData("[1 2]", 3, "expected ',' or ']'")]
    [InlineData("\"abc", 4, "unterminated string")]
    [InlineData("\"a\u0001\"", 2, "unescaped control character in a string")]
    [InlineData("\"\\", 2, "unterminated escape")]
    [InlineData("\"\\x\"", 2, "invalid escape '\\x'")]
    [InlineData("\"\\ud800\"", 8, "a string holds a lone surrogate")]
    [InlineData("\"\\u12\"", 3, "truncated \\u escape")]
    [InlineData("\"\\u12G4\"", 5, "invalid \\u escape")]
    [InlineData("-", 1, "a number needs digits")]
    [InlineData("1.", 2, "a fraction needs digits")]
    [InlineData("1e", 2, "an exponent needs digits")]
    [InlineData("1e400", 0, "the number 1e400 is outside the range of an IEEE 754 double")]
    [InlineData("tru", 0, "unknown literal")]
    public void EachRefusalSaysWhereAndWhat(string text, int position, string what)
    {
        var refused = Assert.Throws<JcsFormatException>(() => JsonCanonicalizer.Parse(text));
        Assert.Equal($"Invalid JSON at character {position}: {what}.", refused.Message);
    }

    [Fact]
    public void ValidInputAroundTheEdgesIsRead()
    {
        Assert.Equal("{\"a\":[1,\"¯\\u001f\"]}", Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(" { \"a\" : [ 1 , \"\\u00Af\\u001F\" ] } "))));
        Assert.Equal("[1,2]", Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes("[ 1 ,2 ]"))));
        Assert.Equal("1", Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'1' })));
        Assert.Equal("\"\\u0000\"", Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes("\"\\u0000\""))));
        Assert.Equal("[0,0]", Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes("[-0.0e5,0E-3]"))));
    }

    [Fact]
    public void InvalidUtf8AndALoneByteOrderMarkAreRefused()
    {
        Assert.Equal("The text is not valid UTF-8.", Assert.Throws<JcsFormatException>(() => JsonCanonicalizer.Parse(new byte[] { 0x22, 0xFF, 0x22 })).Message);
        Assert.Equal("Invalid JSON at character 0: unexpected end of text.", Assert.Throws<JcsFormatException>(() => JsonCanonicalizer.Parse(new byte[] { 0xEF, 0xBB, 0xBF })).Message);
    }

    [Fact]
    public void NestingIsReadTo128LevelsBelowTheTopAndRefusedBeyond()
    {
        Assert.NotNull(JsonCanonicalizer.Parse(new string('[', 129) + new string(']', 129))); // the top value is depth 0
        Assert.NotNull(JsonCanonicalizer.Parse(string.Concat(Enumerable.Repeat("{\"a\":", 128)) + "1" + new string('}', 128)));
        var deep = Assert.Throws<JcsFormatException>(() => JsonCanonicalizer.Parse(new string('[', 130) + new string(']', 130)));
        Assert.Equal("Invalid JSON at character 129: nested deeper than 128 levels.", deep.Message);
        var deepObject = Assert.Throws<JcsFormatException>(() => JsonCanonicalizer.Parse(string.Concat(Enumerable.Repeat("{\"a\":", 130)) + "1" + new string('}', 130)));
        Assert.Contains("nested deeper than 128 levels", deepObject.Message, StringComparison.Ordinal);
    }
}
