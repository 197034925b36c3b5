using System;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace YotiIdv.Proof;

/// <summary>
/// Ed25519 (RFC 8032) from BouncyCastle.Cryptography: the ONLY type of the module that names a BouncyCastle
/// type. The runtime loads BouncyCastle.Cryptography.dll when a method of this class is first compiled, so
/// importing the module, or any command that checks no proof, never loads it. Keep every BouncyCastle use here.
/// </summary>
internal static class Ed25519
{
    public const int PublicKeySize = 32;
    public const int SignatureSize = 64;

    /// <summary>
    /// True when <paramref name="signature"/> is a valid Ed25519 signature of <paramref name="message"/> by
    /// <paramref name="publicKey"/>. A public key that is not a point of the curve verifies nothing.
    /// </summary>
    public static bool Verify(byte[] publicKey, byte[] message, byte[] signature)
    {
        if (publicKey is null || publicKey.Length != PublicKeySize || signature is null || signature.Length != SignatureSize)
        {
            return false;
        }

        Ed25519PublicKeyParameters key;
        try
        {
            key = new Ed25519PublicKeyParameters(publicKey, 0);
        }
        catch (ArgumentException)
        {
            return false;
        }

        var verifier = new Ed25519Signer();
        verifier.Init(false, key);
        verifier.BlockUpdate(message, 0, message.Length);
        return verifier.VerifySignature(signature);
    }

    /// <summary>Signs with a 32-byte private key (seed); for the emulator's TEST-ONLY reports and tests.</summary>
    public static byte[] Sign(byte[] privateKey, byte[] message)
    {
        var key = new Ed25519PrivateKeyParameters(privateKey, 0);
        var signer = new Ed25519Signer();
        signer.Init(true, key);
        signer.BlockUpdate(message, 0, message.Length);
        return signer.GenerateSignature();
    }

    /// <summary>The public key of a 32-byte private key (seed).</summary>
    public static byte[] PublicKeyOf(byte[] privateKey) => new Ed25519PrivateKeyParameters(privateKey, 0).GeneratePublicKey().GetEncoded();
}
