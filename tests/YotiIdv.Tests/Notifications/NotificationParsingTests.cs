using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Text;
using System.Text.Json;
using YotiIdv.Model;
using YotiIdv.Notifications;
using YotiIdv.Tests.Cmdlets;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Notifications;

/// <summary>
/// The shared notification payloads (every topic), the Authorization check for Basic and Bearer, and
/// ConvertFrom-YotiNotification's outcomes: objects, SecurityError without an object, InvalidData.
/// </summary>
[Collection(ConnectionStateCollection.Name)]
public sealed class NotificationParsingTests : ConnectedCmdletTests
{
    private const string Token = "s3cr3t-Notification-Token";

    public NotificationParsingTests()
        : base("ConvertFromYotiNotificationCommand")
    {
    }

    private static string[] FixtureBodies() =>
        JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture("extra", "notification-payloads.json"))).RootElement
            .EnumerateArray().Select(e => e.GetRawText()).ToArray();

    /// <summary>A SecureString of <paramref name="text"/> (also used by Mutation/NotificationListenerTests).</summary>
    internal static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (char c in text)
        {
            secure.AppendChar(c);
        }

        return secure;
    }

    private static string Basic(string token) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(token));

    [Fact]
    public void EveryTopicOfTheSharedPayloadsIsParsedWithItsId()
    {
        string[] bodies = FixtureBodies();
        Assert.Equal(5, bodies.Length);
        var parsed = bodies.Select(b => NotificationParser.Parse(b, DateTimeOffset.UtcNow)).ToArray();
        Assert.All(parsed, n => Assert.Equal(TestPaths.DoneSessionId, n.SessionId));
        Assert.Equal(
            new[] { "resource_update", "task_completion", "check_completion", "client_session_token_deleted", "session_completion" },
            parsed.Select(n => n.Topic));
        Assert.All(parsed.Select(n => n.Topic), t => Assert.Contains(t, YotiNotificationTopics.All));
        Assert.Equal("b59f07db-9eeb-4551-9e1b-9735018efdef", parsed[0].ResourceId);
        Assert.Equal("6a136aa8-1f2d-4425-80e9-68aea2d171a6", parsed[1].TaskId);
        Assert.Equal("05e9b4a3-8fd0-4ac6-a5f7-ee325ac23b97", parsed[2].CheckId);
        Assert.Null(parsed[4].CheckId);
        Assert.Equal(bodies[2], parsed[2].GetRawJson());
    }

    [Fact]
    public void UnknownTopicsAndFieldsAreKept()
    {
        var n = NotificationParser.Parse("{\"session_id\":\"" + TestPaths.DoneSessionId + "\",\"topic\":\"FIRST_BRANCH_VISIT\",\"branch\":\"x\"}", DateTimeOffset.UtcNow);
        Assert.Equal("FIRST_BRANCH_VISIT", n.Topic);
        Assert.True(n.IsTopic(YotiNotificationTopics.FirstBranchVisit));
        Assert.Contains("\"branch\"", n.GetRawJson(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"topic\":\"session_completion\"}")]
    [InlineData("{\"session_id\":\"../../etc\",\"topic\":\"session_completion\"}")]
    [InlineData("{\"session_id\":\"dc376625-6bec-4fc8-9740-bd06f2220c65\",\"topic\":\"a\\u001b[31m\"}")]
    [InlineData("{\"session_id\":\"dc376625-6bec-4fc8-9740-bd06f2220c65\",\"check_id\":\"a/b\"}")]
    public void MalformedBodiesAreInvalidData(string body) =>
        Assert.Throws<YotiInvalidDataException>(() => NotificationParser.Parse(Encoding.UTF8.GetBytes(body), DateTimeOffset.UtcNow));

    [Fact]
    public void BodiesAbove64KiBAreRefusedUnread()
    {
        string big = "{\"session_id\":\"" + TestPaths.DoneSessionId + "\",\"pad\":\"" + new string('x', 70_000) + "\"}";
        Assert.Contains("64 KiB", Assert.Throws<YotiInvalidDataException>(() => NotificationParser.Parse(big, DateTimeOffset.UtcNow)).Message, StringComparison.Ordinal);
        Assert.Throws<YotiInvalidDataException>(() => NotificationParser.Parse(Encoding.UTF8.GetBytes(big), DateTimeOffset.UtcNow));
    }

    [Fact]
    public void BasicAcceptsTheRightTokenOnlyAsBase64OrAsIs()
    {
        var basic = new NotificationAuthenticator(Secure(Token), YotiNotificationAuthType.Basic);
        Assert.True(basic.IsAuthorized(Basic(Token)));
        Assert.True(basic.IsAuthorized("basic  " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Token)) + " "));
        Assert.True(basic.IsAuthorized("Basic " + Token));
        Assert.False(basic.IsAuthorized(Basic(Token + "x")));
        Assert.False(basic.IsAuthorized(Basic("wrong")));
        Assert.False(basic.IsAuthorized("Bearer " + Token));
        Assert.False(basic.IsAuthorized(Token));
        Assert.False(basic.IsAuthorized("Basic "));
        Assert.False(basic.IsAuthorized(null));
        Assert.False(basic.IsAuthorized(string.Empty));

        var userPass = new NotificationAuthenticator(Secure("user:pass"), YotiNotificationAuthType.Basic);
        Assert.True(userPass.IsAuthorized("Basic dXNlcjpwYXNz"));
        Assert.False(userPass.IsAuthorized("Basic dXNlcjpwYXNx"));
    }

    [Fact]
    public void BearerAcceptsTheRightTokenOnly()
    {
        var bearer = new NotificationAuthenticator(Secure(Token), YotiNotificationAuthType.Bearer);
        Assert.True(bearer.IsAuthorized("Bearer " + Token));
        Assert.True(bearer.IsAuthorized("bearer " + Token));
        Assert.False(bearer.IsAuthorized("Bearer " + Token.ToUpperInvariant()));
        Assert.False(bearer.IsAuthorized("Bearer " + Token + "x"));
        Assert.False(bearer.IsAuthorized("Bearer wrong"));
        Assert.False(bearer.IsAuthorized(Basic(Token)));
        Assert.False(bearer.IsAuthorized("Bearer"));
        Assert.False(bearer.IsAuthorized(null));
    }

    [Fact]
    public void TheCmdletParsesEveryPipedBodyWithTheRightHeader()
    {
        foreach ((string type, string header) in new[] { ("Basic", Basic(Token)), ("Bearer", "Bearer " + Token) })
        {
            var result = _host.Run("$bodies | ConvertFrom-YotiNotification -Authorization $h -AuthToken $t -AuthType $type",
                ("bodies", FixtureBodies()), ("h", header), ("t", Token), ("type", type));
            Assert.Empty(result.Errors);
            Assert.Equal(5, result.Objects<YotiNotification>().Length);
        }

        // Bytes, given as one argument
        var bytes = _host.Run("ConvertFrom-YotiNotification -Body $b -Authorization $h -AuthToken $t -AuthType Bearer",
            ("b", Encoding.UTF8.GetBytes(FixtureBodies()[4])), ("h", "Bearer " + Token), ("t", Token));
        Assert.Equal(YotiNotificationTopics.SessionCompletion, Assert.Single(bytes.Objects<YotiNotification>()).Topic);
    }

    [Theory]
    [InlineData("Basic", "Bearer")]
    [InlineData("Bearer", "Basic")]
    [InlineData("Bearer", "Wrong")]
    [InlineData("Basic", "None")]
    public void AWrongOrMissingHeaderIsASecurityErrorWithoutObjectOrSecret(string type, string sent)
    {
        string? header = sent switch
        {
            "Bearer" => "Bearer " + Token,
            "Basic" => Basic(Token),
            "Wrong" => "Bearer not-the-token",
            _ => null,
        };
        var result = _host.Run("$bodies | ConvertFrom-YotiNotification -Authorization $h -AuthToken $t -AuthType $type -Verbose",
            ("bodies", FixtureBodies()), ("h", header), ("t", Token), ("type", type));
        Assert.Empty(result.Output);
        Assert.Equal(5, result.Errors.Length);
        Assert.All(result.Errors, e =>
        {
            Assert.Equal("YotiNotificationUnauthorized,YotiIdv.Commands.ConvertFromYotiNotificationCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.SecurityError, e.CategoryInfo.Category);
            Assert.DoesNotContain(Token, e.ToString() + e.ErrorDetails?.Message + e.ErrorDetails?.RecommendedAction, StringComparison.Ordinal);
        });
        Assert.All(result.Verbose, v => Assert.DoesNotContain(Token, v, StringComparison.Ordinal));
    }

    [Fact]
    public void MalformedBodiesAreInvalidDataAndTheOthersStillComeOut()
    {
        var result = _host.Run("$bodies | ConvertFrom-YotiNotification -SkipAuthorization",
            ("bodies", new object[] { "{", FixtureBodies()[4], "{\"session_id\":\"a b\"}", 42 }));
        Assert.Single(result.Objects<YotiNotification>());
        Assert.Equal(3, result.Errors.Length);
        Assert.All(result.Errors, e => Assert.Equal(ErrorCategory.InvalidData, e.CategoryInfo.Category));
        Assert.All(result.Errors, e => Assert.StartsWith("YotiInvalidNotification,", e.FullyQualifiedErrorId, StringComparison.Ordinal));
    }

    [Fact]
    public void ANotificationBindsToGetYotiSessionByPropertyName()
    {
        var result = _host.Run("$bodies | ConvertFrom-YotiNotification -SkipAuthorization | Where-Object Topic -eq session_completion | Get-YotiSession",
            ("bodies", FixtureBodies()));
        Assert.Empty(result.Errors);
        YotiSession session = Assert.Single(result.Objects<YotiSession>());
        Assert.Equal(TestPaths.DoneSessionId, session.SessionId);
    }
}
