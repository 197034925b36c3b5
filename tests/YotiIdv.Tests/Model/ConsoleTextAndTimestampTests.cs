using System;
using System.Globalization;
using System.Text.Json;
using Xunit;
using YotiIdv.Model;

namespace YotiIdv.Tests.Model;

public class ConsoleTextAndTimestampTests
{
    [Theory]
    [InlineData("\u001B[31mred", "\\u001B[31mred")]
    [InlineData("title\u001B]0;x\u0007", "title\\u001B]0;x\\u0007")]
    [InlineData("a\0b\bc\u007Fd\u009Be", "a\\u0000b\\u0008c\\u007Fd\\u009Be")]
    [InlineData("line\nbreak\ttab\r", "line\\u000Abreak\\u0009tab\\u000D")]
    [InlineData("\u202Eexe.txt\u2066\u2069\u202A", "\\u202Eexe.txt\\u2066\\u2069\\u202A")]
    [InlineData("plain ÄÖÜ 日本 \u200B", "plain ÄÖÜ 日本 \u200B")]
    public void Escape_shows_every_control_and_bidi_override_as_a_visible_escape(string text, string expected)
    {
        Assert.Equal(expected, ConsoleText.Escape(text));
        Assert.False(ConsoleText.HasUnsafe(ConsoleText.Escape(text)));
        Assert.Equal(ConsoleText.Escape(text), ConsoleText.Escape(ConsoleText.Escape(text))); // idempotent
    }

    [Fact]
    public void Escape_keeps_null_and_returns_safe_text_without_a_copy()
    {
        Assert.Null(ConsoleText.Escape((string?)null));
        string safe = "52098976-42d0-4051-a80f-7fc3438e4d9e";
        Assert.Same(safe, ConsoleText.Escape(safe));
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("en-US")]
    [InlineData("en-GB")]
    public void Timestamps_are_ISO_8601_in_UTC_on_every_culture(string culture)
    {
        CultureInfo previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo(culture);
            var t = new YotiTimestamp(new DateTimeOffset(2025, 3, 2, 17, 22, 3, TimeSpan.FromHours(1)));
            Assert.Equal("2025-03-02T16:22:03Z", t.ToString());
            Assert.Equal("2025-03-02T16:22:03.123Z", new YotiTimestamp(new DateTimeOffset(2025, 3, 2, 16, 22, 3, 123, TimeSpan.Zero)).ToString());
            Assert.Equal("2025", t.ToString("yyyy", null));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Timestamps_compare_sort_convert_and_serialize()
    {
        YotiTimestamp early = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        YotiTimestamp late = YotiTimestamp.Parse("2025-06-01T12:00:00+02:00");
        Assert.True(early < late);
        Assert.True(early.CompareTo(late) < 0);
        Assert.True(late.CompareTo((object)new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.Zero)) == 0);
        Assert.Equal(late, (YotiTimestamp)new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromHours(3634), late - early);
        DateTimeOffset back = late;
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.Zero), back);
        Assert.Equal("\"2025-06-01T10:00:00Z\"", JsonSerializer.Serialize(late));
        Assert.Equal(late, JsonSerializer.Deserialize<YotiTimestamp>("\"2025-06-01T10:00:00Z\""));
        Assert.Throws<FormatException>(() => YotiTimestamp.Parse("02.03.2025"));
    }

    [Fact]
    public void A_session_knows_when_it_was_retrieved_and_when_its_token_expires()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var session = SessionParser.Parse("{\"session_id\":\"52098976-42d0-4051-a80f-7fc3438e4d9e\",\"client_session_token_ttl\":600}");
        Assert.InRange(session.RetrievedAt.Value, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(session.RetrievedAt.Value.AddSeconds(600), session.ClientSessionTokenExpiresAt!.Value.Value);
        Assert.Null(SessionParser.Parse("{\"client_session_token_ttl\":99999999999999}").ClientSessionTokenExpiresAt);
        Assert.Null(SessionParser.Parse("{}").ClientSessionTokenExpiresAt);
    }
}
