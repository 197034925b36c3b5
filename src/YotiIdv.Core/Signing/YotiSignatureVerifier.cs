using System;
using System.Security.Cryptography;
using System.Text;

namespace YotiIdv.Signing;

/// <summary>Verifies X-Yoti-Auth-Digest values the way Yoti's API does (used by the emulator and tests).</summary>
public sealed class YotiSignatureVerifier : IDisposable
{
    private readonly RSA _rsa;

    public YotiSignatureVerifier(RSA publicKey)
    {
        _rsa = publicKey ?? throw new ArgumentNullException(nameof(publicKey));
    }

    /// <summary>Reads a PUBLIC KEY, RSA PUBLIC KEY or private key PEM (only its public half is kept).</summary>
    public static YotiSignatureVerifier FromPem(string pem) => new YotiSignatureVerifier(PemKeyReader.ReadPublicKey(pem));

    public bool Verify(string stringToSign, string? digest)
    {
        if (string.IsNullOrEmpty(digest))
        {
            return false;
        }

        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(digest);
        }
        catch (FormatException)
        {
            return false;
        }

        return _rsa.VerifyData(Encoding.UTF8.GetBytes(stringToSign), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    public void Dispose() => _rsa.Dispose();
}
