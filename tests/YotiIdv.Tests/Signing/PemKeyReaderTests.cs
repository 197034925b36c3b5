using System;
using System.IO;
using System.Security.Cryptography;
using YotiIdv.Signing;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Signing;

public class PemKeyReaderTests
{
    private static string Pkcs1 => File.ReadAllText(TestPaths.Signing("test-key-pkcs1.pem"));

    private static string Pkcs8 => File.ReadAllText(TestPaths.Signing("test-key-pkcs8.pem"));

    [Fact]
    public void Pkcs1AndPkcs8GiveTheSameKeyAsTheRuntimeParser()
    {
        using RSA reference = RSA.Create();
        reference.ImportFromPem(Pkcs1);
        RSAParameters expected = reference.ExportParameters(true);

        foreach (string pem in new[] { Pkcs1, Pkcs8 })
        {
            RSAParameters actual = PemKeyReader.ReadPrivateKeyParameters(pem);
            Assert.Equal(expected.Modulus, actual.Modulus);
            Assert.Equal(expected.Exponent, actual.Exponent);
            Assert.Equal(expected.D, actual.D);
            Assert.Equal(expected.P, actual.P);
            Assert.Equal(expected.Q, actual.Q);
            Assert.Equal(expected.DP, actual.DP);
            Assert.Equal(expected.DQ, actual.DQ);
            Assert.Equal(expected.InverseQ, actual.InverseQ);
        }
    }

    [Fact]
    public void ParametersArePaddedForDotNetFramework()
    {
        // Many random keys: some have a D, DP, DQ or InverseQ with leading zero bytes that DER drops.
        for (int i = 0; i < 24; i++)
        {
            using RSA rsa = RSA.Create(1024);
            string pem = rsa.ExportRSAPrivateKeyPem();
            RSAParameters p = PemKeyReader.ReadPrivateKeyParameters(pem);
            Assert.Equal(p.Modulus!.Length, p.D!.Length);
            int half = (p.Modulus.Length + 1) / 2;
            Assert.All(new[] { p.P, p.Q, p.DP, p.DQ, p.InverseQ }, part => Assert.Equal(half, part!.Length));
            using RSA roundTrip = PemKeyReader.ReadPrivateKey(pem);
            byte[] data = { 1, 2, 3 };
            Assert.True(rsa.VerifyData(data, roundTrip.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        }
    }

    [Fact]
    public void TextAroundThePemBlockAndCrLfLineEndingsAreAccepted()
    {
        string pem = "Bag Attributes\r\n    friendlyName: yoti\r\n" + Pkcs1.Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\ntrailing text";
        using RSA rsa = PemKeyReader.ReadPrivateKey(pem);
        Assert.Equal(2048, rsa.KeySize);
    }

    [Fact]
    public void PublicKeysAreReadFromSpkiPkcs1AndPrivatePem()
    {
        using RSA fromSpki = PemKeyReader.ReadPublicKey(File.ReadAllText(TestPaths.Signing("test-key-public.pem")));
        using RSA fromPrivate = PemKeyReader.ReadPublicKey(Pkcs8);
        using RSA source = RSA.Create();
        source.ImportFromPem(Pkcs1);
        using RSA fromPkcs1Public = PemKeyReader.ReadPublicKey(source.ExportRSAPublicKeyPem());
        Assert.Equal(fromSpki.ExportParameters(false).Modulus, fromPrivate.ExportParameters(false).Modulus);
        Assert.Equal(fromSpki.ExportParameters(false).Modulus, fromPkcs1Public.ExportParameters(false).Modulus);
    }

    [Fact]
    public void EncryptedPkcs8IsRefusedWithoutLeakingTheKey()
    {
        using RSA rsa = RSA.Create(2048);
        string encrypted = rsa.ExportEncryptedPkcs8PrivateKeyPem("secret".AsSpan(),
            new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));
        var ex = Assert.Throws<YotiKeyException>(() => PemKeyReader.ReadPrivateKey(encrypted));
        Assert.Equal(YotiKeyProblem.Encrypted, ex.Problem);
        Assert.Contains("encrypted", ex.Message, StringComparison.OrdinalIgnoreCase);
        AssertNoKeyMaterial(encrypted, ex.Message);
    }

    [Fact]
    public void LegacyEncryptedPkcs1IsRefused()
    {
        string body = Pkcs1.Split('\n')[1];
        string pem = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\n" + body + "\n-----END RSA PRIVATE KEY-----\n";
        var ex = Assert.Throws<YotiKeyException>(() => PemKeyReader.ReadPrivateKey(pem));
        Assert.Equal(YotiKeyProblem.Encrypted, ex.Problem);
    }

    [Fact]
    public void EcKeysAreRefusedAsNotRsa()
    {
        using ECDsa ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        foreach (string pem in new[] { ec.ExportPkcs8PrivateKeyPem(), ec.ExportECPrivateKeyPem() })
        {
            var ex = Assert.Throws<YotiKeyException>(() => PemKeyReader.ReadPrivateKey(pem));
            Assert.Equal(YotiKeyProblem.NotRsa, ex.Problem);
            AssertNoKeyMaterial(pem, ex.Message);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("just some text")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\n!!!notbase64!!!\n-----END RSA PRIVATE KEY-----")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nMAMCAQA=\n-----END RSA PRIVATE KEY-----")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nMIIBAAIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----")]
    public void MalformedKeysGiveAClearError(string pem)
    {
        var ex = Assert.Throws<YotiKeyException>(() => PemKeyReader.ReadPrivateKey(pem));
        Assert.Contains(ex.Problem, new[] { YotiKeyProblem.NoPemBlock, YotiKeyProblem.Malformed });
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Fact]
    public void TruncatedRealKeyIsMalformedAndTheMessageHoldsNoKeyText()
    {
        string[] lines = Pkcs1.Split('\n');
        string truncated = string.Join("\n", lines[0], lines[1], lines[2], "-----END RSA PRIVATE KEY-----");
        var ex = Assert.Throws<YotiKeyException>(() => PemKeyReader.ReadPrivateKey(truncated));
        Assert.Equal(YotiKeyProblem.Malformed, ex.Problem);
        AssertNoKeyMaterial(truncated, ex.Message);
    }

    [Fact]
    public void PublicKeyOrCertificateIsNotAPrivateKey()
    {
        var ex = Assert.Throws<YotiKeyException>(() => PemKeyReader.ReadPrivateKey(File.ReadAllText(TestPaths.Signing("test-key-public.pem"))));
        Assert.Equal(YotiKeyProblem.NotPrivateKey, ex.Problem);
    }

    private static void AssertNoKeyMaterial(string pem, string message)
    {
        foreach (string line in pem.Split('\n'))
        {
            string trimmed = line.Trim();
            if (trimmed.Length >= 16 && !trimmed.StartsWith("-----", StringComparison.Ordinal))
            {
                Assert.DoesNotContain(trimmed.Substring(0, 16), message, StringComparison.Ordinal);
            }
        }
    }
}
