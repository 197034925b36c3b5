// TEMPORARY stubs until the model branch is merged. Delete on merge.
namespace YotiIdv
{
    public sealed class YotiInvalidDataException : System.Exception
    {
        public YotiInvalidDataException(string message) : base(message) { }
        public YotiInvalidDataException(string message, System.Exception inner) : base(message, inner) { }
    }
}

namespace YotiIdv.Model
{
    public sealed class YotiSession
    {
        public string? SessionId { get; internal set; }
        public string? State { get; internal set; }
        internal string Raw = "";
        public string GetRawJson() => Raw;
        public override string ToString() => SessionId ?? string.Empty;
    }

    internal static class SessionParser
    {
        public static YotiSession Parse(byte[] utf8)
        {
            try
            {
                using var doc = System.Text.Json.JsonDocument.Parse(utf8);
                if (doc.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object) throw new YotiInvalidDataException("not an object");
                return new YotiSession { SessionId = doc.RootElement.TryGetProperty("session_id", out var s) ? s.GetString() : null, State = doc.RootElement.TryGetProperty("state", out var st) ? st.GetString() : null, Raw = System.Text.Encoding.UTF8.GetString(utf8) };
            }
            catch (System.Text.Json.JsonException ex) { throw new YotiInvalidDataException("The response is not valid JSON: " + ex.Message, ex); }
        }
        public static YotiSession Parse(string json) => Parse(System.Text.Encoding.UTF8.GetBytes(json));
    }
}
