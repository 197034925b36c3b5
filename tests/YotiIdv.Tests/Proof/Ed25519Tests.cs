using System;
using System.Linq;
using YotiIdv.Proof;

namespace YotiIdv.Tests.Proof;

/// <summary>RFC 8032 section 7.1 test vectors (Ed25519), through the module's one BouncyCastle wrapper.</summary>
public sealed class Ed25519Tests
{
    [Theory]
    [InlineData("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")]
    [InlineData("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb", "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")]
    [InlineData("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7", "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
        "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a")]
    public void Rfc8032_TestVectors(string secretHex, string publicHex, string messageHex, string signatureHex)
    {
        byte[] secret = Convert.FromHexString(secretHex), publicKey = Convert.FromHexString(publicHex);
        byte[] message = Convert.FromHexString(messageHex), signature = Convert.FromHexString(signatureHex);

        Assert.Equal(publicKey, Ed25519.PublicKeyOf(secret));
        Assert.Equal(signature, Ed25519.Sign(secret, message));
        Assert.True(Ed25519.Verify(publicKey, message, signature));

        // Any flipped bit of the signature, the message or the key fails.
        for (int bit = 0; bit < 512; bit += 37)
        {
            byte[] flipped = (byte[])signature.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(Ed25519.Verify(publicKey, message, flipped));
        }

        Assert.False(Ed25519.Verify(publicKey, message.Concat(new byte[] { 0 }).ToArray(), signature));
        byte[] otherKey = (byte[])publicKey.Clone();
        otherKey[0] ^= 1;
        Assert.False(Ed25519.Verify(otherKey, message, signature));
    }

    [Fact]
    public void WrongSizes_AndANonCanonicalS_VerifyNothing()
    {
        byte[] publicKey = Convert.FromHexString("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        byte[] signature = Convert.FromHexString("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        Assert.False(Ed25519.Verify(publicKey.Take(31).ToArray(), Array.Empty<byte>(), signature));
        Assert.False(Ed25519.Verify(publicKey, Array.Empty<byte>(), signature.Take(63).ToArray()));

        // S + L (the group order) is the same scalar, but RFC 8032 requires S < L: a malleated signature is refused.
        var s = new System.Numerics.BigInteger(signature.Skip(32).ToArray(), isUnsigned: true);
        var order = System.Numerics.BigInteger.Parse("7237005577332262213973186563042994240857116359379907606001950938285454250989");
        byte[] malleated = signature.Take(32).Concat((s + order).ToByteArray(isUnsigned: true).Concat(new byte[32]).Take(32)).ToArray();
        Assert.False(Ed25519.Verify(publicKey, Array.Empty<byte>(), malleated));
    }
}
