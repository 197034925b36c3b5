using System;
using System.IO;
using System.Security.Cryptography;
using YotiIdv.Signing;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Mutation;

/// <summary>
/// Each way a key is refused, with the problem and the words a person reads (the error record shows this message),
/// and the PEM armour edge cases. Written for the Stryker survivors of Signing/PemKeyReader.cs: the older tests
/// checked the problem kind only, so an emptied message or a different label in it passed.
/// </summary>
public class PemKeyReaderMessageTests
{
    private static string Pkcs1 => File.ReadAllText(TestPaths.Signing("test-key-pkcs1.pem"));

    private static string Body => string.Join("\n", Pkcs1.Split('\n')[1..^2]);

    private static YotiKeyException Refused(string pem) => Assert.Throws<YotiKeyException>(() => PemKeyReader.ReadPrivateKey(pem));

    private static string Block(string label, string body) => $"-----BEGIN {label}-----\n{body}\n-----END {label}-----\n";

    [Fact]
    public void NullIsAnArgumentErrorNamingThePem()
    {
        Assert.Equal("pem", Assert.Throws<ArgumentNullException>(() => PemKeyReader.ReadPrivateKey(null!)).ParamName);
        Assert.Equal("pem", Assert.Throws<ArgumentNullException>(() => PemKeyReader.ReadPublicKey(null!)).ParamName);
    }

    [Theory]
    [InlineData("EC PRIVATE KEY")]
    [InlineData("DSA PRIVATE KEY")]
    [InlineData("OPENSSH PRIVATE KEY")]
    public void OtherPrivateKeyTypesAreNotRsaAndTheMessageNamesTheirLabel(string label)
    {
        YotiKeyException ex = Refused(Block(label, "AAAA"));
        Assert.Equal(YotiKeyProblem.NotRsa, ex.Problem);
        Assert.Equal($"The key is not an RSA private key in PEM form (found BEGIN {label}). Yoti signs requests with an RSA key.", ex.Message);
    }

    [Theory]
    [InlineData("PUBLIC KEY", "public key")]
    [InlineData("RSA PUBLIC KEY", "rsa public key")]
    [InlineData("CERTIFICATE", "certificate")]
    public void PublicKeysAndCertificatesAreNotPrivateKeys(string label, string named)
    {
        YotiKeyException ex = Refused(Block(label, "AAAA"));
        Assert.Equal(YotiKeyProblem.NotPrivateKey, ex.Problem);
        Assert.Equal($"The file holds a {named}, not a private key. Use the private key (.pem) downloaded from Yoti Hub.", ex.Message);
    }

    [Fact]
    public void AnEncryptedPkcs8BlockIsRefusedByItsLabelAlone()
    {
        YotiKeyException ex = Refused(Block("ENCRYPTED PRIVATE KEY", "AAAA"));
        Assert.Equal(YotiKeyProblem.Encrypted, ex.Problem);
        Assert.Equal("The private key is encrypted (BEGIN ENCRYPTED PRIVATE KEY). Provide the unencrypted RSA key downloaded from Yoti Hub.", ex.Message);
    }

    [Theory]
    [InlineData("Proc-Type: 4,ENCRYPTED")]
    [InlineData("proc-type: 4,encrypted")]
    [InlineData("ENCRYPTED: yes")] // the word at the very start of the headers
    public void AnyHeaderSayingEncryptedRefusesAPkcs1Key(string header)
    {
        YotiKeyException ex = Refused("-----BEGIN RSA PRIVATE KEY-----\n" + header + "\n\n" + Body + "\n-----END RSA PRIVATE KEY-----\n");
        Assert.Equal(YotiKeyProblem.Encrypted, ex.Problem);
        Assert.Equal("The private key is encrypted (PEM header Proc-Type: 4,ENCRYPTED). Provide the unencrypted RSA key downloaded from Yoti Hub.", ex.Message);
    }

    [Fact]
    public void AHeaderThatDoesNotSayEncryptedIsIgnored()
    {
        using RSA rsa = PemKeyReader.ReadPrivateKey("-----BEGIN RSA PRIVATE KEY-----\nComment: made for tests\n\n" + Body + "\n-----END RSA PRIVATE KEY-----\n");
        Assert.Equal(2048, rsa.KeySize);
    }

    [Fact]
    public void AnUnknownLabelIsMalformedAndNamed()
    {
        YotiKeyException ex = Refused(Block("SOMETHING ELSE", "AAAA"));
        Assert.Equal(YotiKeyProblem.Malformed, ex.Problem);
        Assert.Equal("Unsupported PEM block 'BEGIN SOMETHING ELSE'. Expected BEGIN RSA PRIVATE KEY or BEGIN PRIVATE KEY.", ex.Message);
    }

    [Fact]
    public void TextWithoutABeginLineHasNoPemBlock()
    {
        YotiKeyException ex = Refused("MIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----");
        Assert.Equal(YotiKeyProblem.NoPemBlock, ex.Problem);
        Assert.Equal("The key text holds no PEM block (expected a line -----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----).", ex.Message);
    }

    [Fact]
    public void ALabelOfSixtyFourCharactersIsReadAndALongerOneIsAnUnterminatedBeginLine()
    {
        string label64 = new string('A', 64);
        Assert.StartsWith($"Unsupported PEM block 'BEGIN {label64}'", Refused(Block(label64, "AAAA")).Message, StringComparison.Ordinal);

        YotiKeyException longer = Refused(Block(new string('A', 65), "AAAA"));
        Assert.Equal(YotiKeyProblem.Malformed, longer.Problem);
        Assert.Equal("The PEM BEGIN line is not terminated.", longer.Message);
        Assert.Equal("The PEM BEGIN line is not terminated.", Refused("-----BEGIN RSA PRIVATE KEY\nAAAA").Message);
    }

    [Fact]
    public void ABeginLineWithoutItsEndLineIsMalformed()
    {
        YotiKeyException ex = Refused("-----BEGIN RSA PRIVATE KEY-----\n" + Body + "\n-----END PRIVATE KEY-----\n");
        Assert.Equal(YotiKeyProblem.Malformed, ex.Problem);
        Assert.Equal("The PEM block 'BEGIN RSA PRIVATE KEY' has no matching END line.", ex.Message);
    }

    [Fact]
    public void SpacesAroundTheLabelAreIgnored()
    {
        using RSA rsa = PemKeyReader.ReadPrivateKey("-----BEGIN  RSA PRIVATE KEY -----\n" + Body + "\n-----END RSA PRIVATE KEY-----\n");
        Assert.Equal(2048, rsa.KeySize);
    }

    [Fact]
    public void BadBase64IsMalformedSayingSo()
    {
        YotiKeyException ex = Refused(Block("PRIVATE KEY", "!!!notbase64!!!"));
        Assert.Equal(YotiKeyProblem.Malformed, ex.Problem);
        Assert.Equal("The PEM block 'BEGIN PRIVATE KEY' is not valid Base64.", ex.Message);
    }

    [Fact]
    public void BadDerIsMalformedNamingTheBlockAndTheDerProblem()
    {
        // SEQUENCE { INTEGER 1 }: an RSAPrivateKey of version 1.
        YotiKeyException version = Refused(Block("RSA PRIVATE KEY", Convert.ToBase64String(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x01 })));
        Assert.Equal(YotiKeyProblem.Malformed, version.Problem);
        Assert.Equal("The PEM block 'BEGIN RSA PRIVATE KEY' does not contain a valid key: Unsupported RSAPrivateKey version 1.", version.Message);
        Assert.IsType<FormatException>(version.InnerException);

        YotiKeyException truncated = Refused(Block("RSA PRIVATE KEY", Convert.ToBase64String(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x00 })));
        Assert.Equal("The PEM block 'BEGIN RSA PRIVATE KEY' does not contain a valid key: Unexpected end of DER data.", truncated.Message);
    }

    [Fact]
    public void APkcs8KeyOfAnotherAlgorithmNamesItsOid()
    {
        using ECDsa ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        YotiKeyException ex = Refused(ec.ExportPkcs8PrivateKeyPem());
        Assert.Equal(YotiKeyProblem.NotRsa, ex.Problem);
        Assert.Equal("The key is not an RSA key (algorithm OID 1.2.840.10045.2.1). Yoti signs requests with an RSA key.", ex.Message);
    }

    [Fact]
    public void APublicKeyWithUnusedBitsIsMalformed()
    {
        using RSA rsa = RSA.Create(1024);
        byte[] spki = rsa.ExportSubjectPublicKeyInfo();
        int bitString = spki.AsSpan().IndexOf(new byte[] { 0x05, 0x00, 0x03 }) + 2; // after the NULL parameters
        int unusedBits = bitString + 1 + ((spki[bitString + 1] & 0x80) != 0 ? 1 + (spki[bitString + 1] & 0x7F) : 1);
        spki[unusedBits] = 1;
        var ex = Assert.Throws<YotiKeyException>(() => PemKeyReader.ReadPublicKey(Block("PUBLIC KEY", Convert.ToBase64String(spki))));
        Assert.Equal(YotiKeyProblem.Malformed, ex.Problem);
        Assert.Equal("The PEM block 'BEGIN PUBLIC KEY' does not contain a valid key: Unexpected unused bits in the public key BIT STRING.", ex.Message);
    }

    [Fact]
    public void APublicKeyReadFromAPrivateKeyHasOnlyThePublicHalf()
    {
        using RSA reference = RSA.Create();
        reference.ImportFromPem(Pkcs1);
        using RSA fromPrivate = PemKeyReader.ReadPublicKey(Pkcs1);
        RSAParameters parameters = fromPrivate.ExportParameters(false);
        Assert.Equal(reference.ExportParameters(false).Modulus, parameters.Modulus);
        Assert.Equal(reference.ExportParameters(false).Exponent, parameters.Exponent);
        Assert.ThrowsAny<CryptographicException>(() => fromPrivate.ExportParameters(true));
    }

    [Fact]
    public void ARsaPublicKeyPemIsReadAsPkcs1()
    {
        using RSA source = RSA.Create(1024);
        using RSA read = PemKeyReader.ReadPublicKey(source.ExportRSAPublicKeyPem());
        Assert.Equal(source.ExportParameters(false).Modulus, read.ExportParameters(false).Modulus);
        Assert.Equal(source.ExportParameters(false).Exponent, read.ExportParameters(false).Exponent);

        var ex = Assert.Throws<YotiKeyException>(() => PemKeyReader.ReadPublicKey(Block("RSA PUBLIC KEY", Convert.ToBase64String(new byte[] { 0x30, 0x00 }))));
        Assert.Equal("The PEM block 'BEGIN RSA PUBLIC KEY' does not contain a valid key: Unexpected end of DER data.", ex.Message);
    }

    [Fact]
    public void InconsistentRsaParametersAreMalformed()
    {
        // A well-formed RSAPrivateKey whose numbers do not belong together (modulus 15 with 2048-bit sized parts).
        byte[] der = { 0x30, 0x1B, 0x02, 0x01, 0x00, 0x02, 0x01, 0x0F, 0x02, 0x01, 0x03, 0x02, 0x01, 0x07, 0x02, 0x01, 0x05,
            0x02, 0x01, 0x03, 0x02, 0x01, 0x01, 0x02, 0x01, 0x03, 0x02, 0x01, 0x02 };
        YotiKeyException ex = Refused(Block("RSA PRIVATE KEY", Convert.ToBase64String(der)));
        Assert.Equal(YotiKeyProblem.Malformed, ex.Problem);
        Assert.StartsWith("The RSA key parameters are not consistent: ", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<CryptographicException>(ex.InnerException);
    }
}
