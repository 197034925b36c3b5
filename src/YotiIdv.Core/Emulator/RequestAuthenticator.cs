using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace YotiIdv.Emulator;

/// <summary>
/// Checks a request the way Yoti does (spec 2.6): SDK id, timestamp window, signature over
/// <c>METHOD&amp;&lt;target without base path&gt;[&amp;base64(body)]</c>, then nonce uniqueness.
/// The nonce is recorded only once the signature verified, so forged requests cannot burn nonces.
/// </summary>
/// <remarks>
/// The signed bytes are rebuilt here from the request line exactly as it arrived (method token and raw target,
/// byte for byte) and the body: deliberately no code is shared with the client's <c>YotiRequestSigner</c>, so a
/// signing bug in the client cannot be mirrored by the emulator and pass every emulator-backed test.
/// </remarks>
internal sealed class RequestAuthenticator : IDisposable
{
    // The request line is read as ISO-8859-1, which maps every byte to one char: GetBytes gives the wire bytes back.
    private static readonly Encoding WireBytes = Encoding.GetEncoding("ISO-8859-1");

    private readonly RSA _publicKey;
    private readonly string _sdkId;
    private readonly long _toleranceMs;

    // nonce -> time (epoch ms) after which it may be forgotten: by then its timestamp is outside the window,
    // so a replay would be rejected as stale anyway. This bounds memory to the nonces of one window.
    private readonly ConcurrentDictionary<string, long> _usedNonces = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
    private long _nextPurgeMs;

    /// <summary>Takes ownership of <paramref name="publicKey"/>.</summary>
    public RequestAuthenticator(RSA publicKey, string sdkId, TimeSpan tolerance)
    {
        _publicKey = publicKey ?? throw new ArgumentNullException(nameof(publicKey));
        _sdkId = sdkId;
        _toleranceMs = (long)tolerance.TotalMilliseconds;
    }

    internal int UsedNonceCount => _usedNonces.Count;

    /// <summary>Returns null when the request is authentic, otherwise the 401 response.</summary>
    public EmulatorHttpResponse? Check(EmulatorHttpRequest request, string relativeTarget, long nowMs)
    {
        string? digest = request.GetHeader("X-Yoti-Auth-Digest");
        if (string.IsNullOrEmpty(digest))
        {
            return Reject(YotiIdvEmulatorErrorCodes.MissingSignature, "The X-Yoti-Auth-Digest header is missing.");
        }

        Dictionary<string, string> query = ParseQuery(request.Query);
        string? sdkId = Get(query, "sdkId") ?? Get(query, "sdkID");
        if (string.IsNullOrEmpty(sdkId))
        {
            return Reject(YotiIdvEmulatorErrorCodes.MissingSdkId, "The sdkId query parameter is missing.");
        }

        if (!string.Equals(sdkId, _sdkId, StringComparison.Ordinal))
        {
            return Reject(YotiIdvEmulatorErrorCodes.UnknownSdkId, "The referenced application does not exist on this emulator.");
        }

        string? nonce = Get(query, "nonce");
        if (string.IsNullOrEmpty(nonce))
        {
            return Reject(YotiIdvEmulatorErrorCodes.MissingNonce, "The nonce query parameter is missing.");
        }

        string? timestampText = Get(query, "timestamp");
        if (string.IsNullOrEmpty(timestampText))
        {
            return Reject(YotiIdvEmulatorErrorCodes.MissingTimestamp, "The timestamp query parameter is missing.");
        }

        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out long timestamp))
        {
            return Reject(YotiIdvEmulatorErrorCodes.InvalidTimestamp, "The timestamp query parameter must be milliseconds since the Unix epoch.");
        }

        if (Math.Abs(nowMs - timestamp) > _toleranceMs)
        {
            return Reject(YotiIdvEmulatorErrorCodes.StaleTimestamp, "The request timestamp is outside the accepted time window.");
        }

        if (!IsSignatureValid(request.Method, relativeTarget, request.Body, digest!))
        {
            return Reject(YotiIdvEmulatorErrorCodes.InvalidSignature, "Unable to verify the request signature.");
        }

        PurgeExpiredNonces(nowMs);
        if (!_usedNonces.TryAdd(nonce!, timestamp + _toleranceMs))
        {
            return Reject(YotiIdvEmulatorErrorCodes.NonceReused, "The nonce has already been used.");
        }

        return null;
    }

    public void Dispose() => _publicKey.Dispose();

    /// <summary>
    /// The bytes Yoti verifies for a request: the method token as received, '&amp;', the target after the base path as
    /// received (its query untouched: order, spelling and encoding are the client's), then '&amp;' and the standard
    /// Base64 of the body when there is one.
    /// </summary>
    internal static byte[] SignedBytes(string method, string relativeTarget, byte[] body)
    {
        var text = new StringBuilder(method.Length + relativeTarget.Length + 2 + ((body.Length + 2) / 3 * 4));
        text.Append(method).Append('&').Append(relativeTarget);
        if (body.Length > 0)
        {
            text.Append('&').Append(Convert.ToBase64String(body));
        }

        return WireBytes.GetBytes(text.ToString());
    }

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256 of <see cref="SignedBytes"/> against the Base64 <paramref name="digest"/>.</summary>
    internal bool IsSignatureValid(string method, string relativeTarget, byte[] body, string digest)
    {
        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(digest);
        }
        catch (FormatException)
        {
            return false;
        }

        return _publicKey.VerifyData(SignedBytes(method, relativeTarget, body), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private void PurgeExpiredNonces(long nowMs)
    {
        long next = Interlocked.Read(ref _nextPurgeMs);
        if (nowMs < next || Interlocked.CompareExchange(ref _nextPurgeMs, nowMs + 1000, next) != next)
        {
            return; // at most one purge per second, by one thread
        }

        foreach (KeyValuePair<string, long> entry in _usedNonces)
        {
            if (entry.Value < nowMs)
            {
                _usedNonces.TryRemove(entry.Key, out _);
            }
        }
    }

    private static EmulatorHttpResponse Reject(string code, string message) => EmulatorHttpResponse.Error(401, code, message);

    private static string? Get(Dictionary<string, string> query, string name) => query.TryGetValue(name, out string? value) ? value : null;

    /// <summary>Parses the raw query; values are percent-decoded. The first occurrence of a name wins.</summary>
    private static Dictionary<string, string> ParseQuery(string query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in query.Split('&'))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            int equals = pair.IndexOf('=');
            string name = Uri.UnescapeDataString(equals < 0 ? pair : pair.Substring(0, equals));
            string value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair.Substring(equals + 1).Replace('+', ' '));
            if (!result.ContainsKey(name))
            {
                result.Add(name, value);
            }
        }

        return result;
    }
}
