using System;
using System.Collections.Generic;

namespace YotiIdv.Proof;

/// <summary>One JWK of a key set, as sent; <see cref="Ed25519Key"/> is set only for a usable Ed25519 public key.</summary>
internal sealed class YotiJwk
{
    public YotiJwk(JcsObject json)
    {
        KeyId = json.GetString("kid");
        KeyType = json.GetString("kty");
        Curve = json.GetString("crv");
        Algorithm = json.GetString("alg");
        Use = json.GetString("use");
        byte[]? x = Base64Url.TryDecode(json.GetString("x"));
        Ed25519Key = KeyType == "OKP" && Curve == "Ed25519" && x is { Length: Ed25519.PublicKeySize } ? x : null;
    }

    public string? KeyId { get; }

    public string? KeyType { get; }

    public string? Curve { get; }

    public string? Algorithm { get; }

    public string? Use { get; }

    public byte[]? Ed25519Key { get; }

    public string Describe() => (KeyType ?? "no kty") + (Curve is null ? string.Empty : " " + Curve);
}

/// <summary>A JSON Web Key Set (RFC 7517): <c>{"keys": [ ... ]}</c>; a single JWK object is taken as a set of one.</summary>
internal sealed class YotiKeySet
{
    private YotiKeySet(IReadOnlyList<YotiJwk> keys) => Keys = keys;

    public IReadOnlyList<YotiJwk> Keys { get; }

    /// <summary>Parses a key set. Throws <see cref="JcsFormatException"/> when it is not one.</summary>
    public static YotiKeySet Parse(byte[] utf8)
    {
        if (!(JsonCanonicalizer.Parse(utf8) is JcsObject root))
        {
            throw new JcsFormatException("A key set is a JSON object.");
        }

        var keys = new List<YotiJwk>();
        if (root["keys"] is JcsArray array)
        {
            foreach (JcsValue item in array.Items)
            {
                if (item is JcsObject jwk)
                {
                    keys.Add(new YotiJwk(jwk));
                }
            }
        }
        else if (root["kty"] is JcsString)
        {
            keys.Add(new YotiJwk(root));
        }
        else
        {
            throw new JcsFormatException("A key set has a 'keys' array.");
        }

        return new YotiKeySet(keys);
    }

    /// <summary>The keys a JWS with <paramref name="keyId"/> may be checked with: those with that kid, or every key when the JWS names none.</summary>
    public List<YotiJwk> Candidates(string? keyId)
    {
        var found = new List<YotiJwk>();
        foreach (YotiJwk key in Keys)
        {
            if (keyId is null || string.Equals(key.KeyId, keyId, StringComparison.Ordinal))
            {
                found.Add(key);
            }
        }

        return found;
    }
}
