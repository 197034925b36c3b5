using System;
using System.Security.Cryptography;
using System.Text;

namespace YotiIdv.Signing;

/// <summary>
/// Reads RSA keys from PEM text: PKCS#1 (BEGIN RSA PRIVATE KEY), PKCS#8 (BEGIN PRIVATE KEY) and, for the
/// emulator, public keys (BEGIN PUBLIC KEY, BEGIN RSA PUBLIC KEY). Errors name the problem, never the key.
/// </summary>
public static class PemKeyReader
{
    private const string RsaEncryptionOid = "1.2.840.113549.1.1.1";

    /// <summary>Creates an RSA object holding the private key in <paramref name="pem"/>.</summary>
    public static RSA ReadPrivateKey(string pem)
    {
        if (pem is null)
        {
            throw new ArgumentNullException(nameof(pem));
        }

        RSAParameters parameters = ReadPrivateKeyParameters(pem);
        try
        {
            return CreateRsa(parameters);
        }
        finally
        {
            Clear(parameters);
        }
    }

    /// <summary>Creates an RSA object holding the public key in <paramref name="pem"/> (a private key also works).</summary>
    public static RSA ReadPublicKey(string pem)
    {
        if (pem is null)
        {
            throw new ArgumentNullException(nameof(pem));
        }

        PemBlock block = FindBlock(pem);
        if (block.Label == "PUBLIC KEY" || block.Label == "RSA PUBLIC KEY")
        {
            byte[] der = Decode(block);
            RSAParameters parameters = Guard(block.Label, () => block.Label == "PUBLIC KEY" ? ReadSubjectPublicKeyInfo(der) : ReadPkcs1Public(der));
            return CreateRsa(parameters);
        }

        RSAParameters privateParameters = ReadPrivateKeyParameters(pem);
        try
        {
            return CreateRsa(new RSAParameters { Modulus = privateParameters.Modulus, Exponent = privateParameters.Exponent });
        }
        finally
        {
            Clear(privateParameters);
        }
    }

    internal static RSAParameters ReadPrivateKeyParameters(string pem)
    {
        PemBlock block = FindBlock(pem);
        switch (block.Label)
        {
            case "RSA PRIVATE KEY":
                if (block.Headers.IndexOf("ENCRYPTED", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    throw new YotiKeyException(YotiKeyProblem.Encrypted,
                        "The private key is encrypted (PEM header Proc-Type: 4,ENCRYPTED). Provide the unencrypted RSA key downloaded from Yoti Hub.");
                }

                return DecodeAndRead(block, ReadPkcs1Private);
            case "PRIVATE KEY":
                return DecodeAndRead(block, ReadPkcs8Private);
            case "ENCRYPTED PRIVATE KEY":
                throw new YotiKeyException(YotiKeyProblem.Encrypted,
                    "The private key is encrypted (BEGIN ENCRYPTED PRIVATE KEY). Provide the unencrypted RSA key downloaded from Yoti Hub.");
            case "EC PRIVATE KEY":
            case "DSA PRIVATE KEY":
            case "OPENSSH PRIVATE KEY":
                throw new YotiKeyException(YotiKeyProblem.NotRsa,
                    $"The key is not an RSA private key in PEM form (found BEGIN {block.Label}). Yoti signs requests with an RSA key.");
            case "PUBLIC KEY":
            case "RSA PUBLIC KEY":
            case "CERTIFICATE":
                throw new YotiKeyException(YotiKeyProblem.NotPrivateKey,
                    $"The file holds a {block.Label.ToLowerInvariant()}, not a private key. Use the private key (.pem) downloaded from Yoti Hub.");
            default:
                throw new YotiKeyException(YotiKeyProblem.Malformed,
                    $"Unsupported PEM block 'BEGIN {block.Label}'. Expected BEGIN RSA PRIVATE KEY or BEGIN PRIVATE KEY.");
        }
    }

    private static RSAParameters DecodeAndRead(PemBlock block, Func<byte[], RSAParameters> read)
    {
        byte[] der = Decode(block);
        try
        {
            return Guard(block.Label, () => read(der));
        }
        finally
        {
            Array.Clear(der, 0, der.Length);
        }
    }

    private static RSAParameters Guard(string label, Func<RSAParameters> read)
    {
        try
        {
            return read();
        }
        catch (FormatException ex)
        {
            throw new YotiKeyException(YotiKeyProblem.Malformed,
                $"The PEM block 'BEGIN {label}' does not contain a valid key: {ex.Message}", ex);
        }
    }

    private static RSAParameters ReadPkcs1Private(byte[] der)
    {
        var outer = new DerReader(der);
        DerReader key = outer.ReadSequence();
        int version = key.ReadSmallInteger();
        if (version != 0)
        {
            throw new FormatException($"Unsupported RSAPrivateKey version {version}.");
        }

        byte[] modulus = key.ReadUnsignedInteger();
        byte[] exponent = key.ReadUnsignedInteger();
        byte[] d = key.ReadUnsignedInteger();
        byte[] p = key.ReadUnsignedInteger();
        byte[] q = key.ReadUnsignedInteger();
        byte[] dp = key.ReadUnsignedInteger();
        byte[] dq = key.ReadUnsignedInteger();
        byte[] inverseQ = key.ReadUnsignedInteger();

        // .NET Framework rejects parameters that are not padded to the modulus length (D) and half of it (the rest).
        int half = (modulus.Length + 1) / 2;
        return new RSAParameters
        {
            Modulus = modulus,
            Exponent = exponent,
            D = PadLeft(d, modulus.Length),
            P = PadLeft(p, half),
            Q = PadLeft(q, half),
            DP = PadLeft(dp, half),
            DQ = PadLeft(dq, half),
            InverseQ = PadLeft(inverseQ, half),
        };
    }

    private static RSAParameters ReadPkcs8Private(byte[] der)
    {
        var outer = new DerReader(der);
        DerReader info = outer.ReadSequence();
        info.ReadSmallInteger(); // version 0 (or 1 for OneAsymmetricKey)
        RequireRsaAlgorithm(info.ReadSequence());
        ReadOnlySpan<byte> inner = info.ReadElement(DerReader.OctetString);
        return ReadPkcs1Private(inner.ToArray());
    }

    private static RSAParameters ReadSubjectPublicKeyInfo(byte[] der)
    {
        var outer = new DerReader(der);
        DerReader info = outer.ReadSequence();
        RequireRsaAlgorithm(info.ReadSequence());
        ReadOnlySpan<byte> bits = info.ReadElement(DerReader.BitString);
        if (bits.Length < 1 || bits[0] != 0)
        {
            throw new FormatException("Unexpected unused bits in the public key BIT STRING.");
        }

        return ReadPkcs1Public(bits.Slice(1).ToArray());
    }

    private static RSAParameters ReadPkcs1Public(byte[] der)
    {
        var outer = new DerReader(der);
        DerReader key = outer.ReadSequence();
        return new RSAParameters { Modulus = key.ReadUnsignedInteger(), Exponent = key.ReadUnsignedInteger() };
    }

    private static void RequireRsaAlgorithm(DerReader algorithm)
    {
        string oid = algorithm.ReadObjectIdentifier();
        if (oid != RsaEncryptionOid)
        {
            throw new YotiKeyException(YotiKeyProblem.NotRsa,
                $"The key is not an RSA key (algorithm OID {oid}). Yoti signs requests with an RSA key.");
        }
    }

    private static RSA CreateRsa(RSAParameters parameters)
    {
        RSA rsa = RSA.Create();
        try
        {
            rsa.ImportParameters(parameters);
            return rsa;
        }
        catch (CryptographicException ex)
        {
            rsa.Dispose();
            throw new YotiKeyException(YotiKeyProblem.Malformed, "The RSA key parameters are not consistent: " + ex.Message, ex);
        }
    }

    private static byte[] PadLeft(byte[] value, int length)
    {
        if (value.Length >= length)
        {
            return value;
        }

        var padded = new byte[length];
        Buffer.BlockCopy(value, 0, padded, length - value.Length, value.Length);
        Array.Clear(value, 0, value.Length);
        return padded;
    }

    private static void Clear(RSAParameters parameters)
    {
        foreach (byte[]? secret in new[] { parameters.D, parameters.P, parameters.Q, parameters.DP, parameters.DQ, parameters.InverseQ })
        {
            if (secret != null)
            {
                Array.Clear(secret, 0, secret.Length);
            }
        }
    }

    private static byte[] Decode(PemBlock block)
    {
        try
        {
            return Convert.FromBase64String(block.Base64);
        }
        catch (FormatException ex)
        {
            throw new YotiKeyException(YotiKeyProblem.Malformed,
                $"The PEM block 'BEGIN {block.Label}' is not valid Base64.", ex);
        }
    }

    private readonly struct PemBlock
    {
        public PemBlock(string label, string headers, string base64)
        {
            Label = label;
            Headers = headers;
            Base64 = base64;
        }

        public string Label { get; }
        public string Headers { get; }
        public string Base64 { get; }
    }

    /// <summary>Finds the first PEM block; text before and after it (comments, a certificate chain) is ignored.</summary>
    private static PemBlock FindBlock(string pem)
    {
        const string Begin = "-----BEGIN ";
        const string Dashes = "-----";
        int start = pem.IndexOf(Begin, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new YotiKeyException(YotiKeyProblem.NoPemBlock,
                "The key text holds no PEM block (expected a line -----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----).");
        }

        int labelStart = start + Begin.Length;
        int labelEnd = pem.IndexOf(Dashes, labelStart, StringComparison.Ordinal);
        if (labelEnd < 0 || labelEnd - labelStart > 64)
        {
            throw new YotiKeyException(YotiKeyProblem.Malformed, "The PEM BEGIN line is not terminated.");
        }

        string label = pem.Substring(labelStart, labelEnd - labelStart).Trim();
        string endMarker = "-----END " + label + Dashes;
        int bodyStart = labelEnd + Dashes.Length;
        int end = pem.IndexOf(endMarker, bodyStart, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new YotiKeyException(YotiKeyProblem.Malformed, $"The PEM block 'BEGIN {label}' has no matching END line.");
        }

        // RFC 1421 headers (Proc-Type, DEK-Info) come before a blank line; the rest is Base64.
        var headers = new StringBuilder();
        var base64 = new StringBuilder(end - bodyStart);
        foreach (string rawLine in pem.Substring(bodyStart, end - bodyStart).Split('\n'))
        {
            string line = rawLine.Trim();
            if (line.IndexOf(':') >= 0)
            {
                headers.Append(line).Append('\n');
            }
            else
            {
                base64.Append(line);
            }
        }

        return new PemBlock(label, headers.ToString(), base64.ToString());
    }
}
