using System;
using System.Text;
using System.Text.Json;

namespace YotiIdv.Model;

/// <summary>Reads a session result body into a <see cref="YotiSession"/>.</summary>
internal static class SessionParser
{
    private static readonly JsonDocumentOptions Options = new JsonDocumentOptions
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses a UTF-8 body (a leading byte-order mark is ignored).</summary>
    /// <exception cref="YotiInvalidDataException">Not UTF-8, not JSON, or not a JSON object.</exception>
    public static YotiSession Parse(byte[] utf8Json)
    {
        if (utf8Json is null)
        {
            throw new ArgumentNullException(nameof(utf8Json));
        }

        return Parse(DecodeUtf8(utf8Json));
    }

    /// <summary>Strict UTF-8 decoding; a leading byte-order mark is dropped.</summary>
    /// <exception cref="YotiInvalidDataException">Not UTF-8.</exception>
    internal static string DecodeUtf8(byte[] utf8Json)
    {
        int start = utf8Json.Length >= 3 && utf8Json[0] == 0xEF && utf8Json[1] == 0xBB && utf8Json[2] == 0xBF ? 3 : 0;
        try
        {
            return StrictUtf8.GetString(utf8Json, start, utf8Json.Length - start);
        }
        catch (DecoderFallbackException)
        {
            throw new YotiInvalidDataException("The response is not valid UTF-8 text.");
        }
    }

    /// <summary>Parses a body. A JSON object without <c>session_id</c> is accepted (SessionId is null).</summary>
    /// <exception cref="YotiInvalidDataException">Not JSON, or not a JSON object.</exception>
    public static YotiSession Parse(string json)
    {
        if (json is null)
        {
            throw new ArgumentNullException(nameof(json));
        }

        JsonElement root = ParseObject(json, "a session result");
        var ctx = new ParseContext(JsonRead.GetString(root, "session_id"));
        return new YotiSession(root, json, ctx);
    }

    /// <summary>Parses JSON text that must be an object into a self-contained element.</summary>
    /// <exception cref="YotiInvalidDataException">Not JSON, or not a JSON object.</exception>
    internal static JsonElement ParseObject(string json, string expected) => ParseRoot(json, expected, JsonValueKind.Object);

    /// <summary>Parses JSON text whose root must be of <paramref name="kind"/> (an object or an array).</summary>
    /// <exception cref="YotiInvalidDataException">Not JSON, or not of that kind.</exception>
    internal static JsonElement ParseRoot(string json, string expected, JsonValueKind kind)
    {
        JsonElement root;
        try
        {
            // Clone: a self-contained copy the model can keep after the pooled document is disposed.
            using var doc = JsonDocument.Parse(json, Options);
            root = doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            // The reader's message names the position and at most a token, never the body.
            throw new YotiInvalidDataException("The response is not valid JSON: " + ex.Message, ex);
        }
        catch (ArgumentException ex)
        {
            // Invalid UTF-16 (lone surrogates) in the input string.
            throw new YotiInvalidDataException("The response is not valid JSON text: " + ex.GetType().Name + ".", ex);
        }

        if (root.ValueKind != kind)
        {
            throw new YotiInvalidDataException(
                $"The response is not a JSON {kind.ToString().ToLowerInvariant()} (found {root.ValueKind.ToString().ToLowerInvariant()}); {expected} was expected.");
        }

        return root;
    }
}
