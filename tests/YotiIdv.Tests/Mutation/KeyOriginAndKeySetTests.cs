using System;
using System.Text;
using YotiIdv.Proof;

namespace YotiIdv.Tests.Mutation;

/// <summary>
/// Why a key origin or a key URL is refused, word for word, and how a key set and base64url are read (the Proof
/// survivors: the earlier tests checked only whether an origin was trusted, not what the user is told).
/// </summary>
public sealed class KeyOriginAndKeySetTests
{
    private static readonly Uri[] Api = { new Uri("https://api.yoti.com") };

    [Theory]
    [InlineData("ftp://keys.example.com", "The trusted key origin 'ftp://keys.example.com' is not an absolute http(s) URL.")]
    [InlineData("keys.example.com", "The trusted key origin 'keys.example.com' is not an absolute http(s) URL.")]
    [InlineData("https://keys.example.com/path", "The trusted key origin 'https://keys.example.com/path' must be an origin only (scheme, host and port), such as https://keys.example.com.")]
    [InlineData("https://keys.example.com/?a=1", "The trusted key origin 'https://keys.example.com/?a=1' must be an origin only (scheme, host and port), such as https://keys.example.com.")]
    [InlineData("https://keys.example.com/#top", "The trusted key origin 'https://keys.example.com/#top' must be an origin only (scheme, host and port), such as https://keys.example.com.")]
    [InlineData("https://me@keys.example.com", "The trusted key origin 'https://me@keys.example.com' must be an origin only (scheme, host and port), such as https://keys.example.com.")]
    [InlineData("http://keys.example.com", "The trusted key origin 'http://keys.example.com' uses plain HTTP; only HTTPS is allowed, except on loopback.")]
    public void ATrustedOriginThatIsNotAnOriginIsRefusedSayingWhy(string origin, string message) =>
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => KeyOrigin.ParseTrusted(origin)).Message);

    [Theory]
    [InlineData(" https://Keys.Example.com:443 ", "https://keys.example.com/")]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://localhost:5000", "http://localhost:5000/")]
    [InlineData("http://[::1]:5000", "http://[::1]:5000/")]
    [InlineData("http://127.0.0.2", "http://127.0.0.2/")]
    public void TrustedOriginsAreNormalised_AndLoopbackMayBePlainHttp(string origin, string normalised) =>
        Assert.Equal(normalised, KeyOrigin.ParseTrusted(origin).AbsoluteUri);

    [Theory]
    [InlineData(null, "The proof names no key set (public_key_url); give one with -JwksPath.")]
    [InlineData("", "The proof names no key set (public_key_url); give one with -JwksPath.")]
    [InlineData("/keys/relative", "The proof's public_key_url '/keys/relative' is not a plain absolute http(s) URL; nothing was requested.")]
    [InlineData("file:///etc/passwd", "The proof's public_key_url 'file:///etc/passwd' is not a plain absolute http(s) URL; nothing was requested.")]
    [InlineData("https://u@api.yoti.com/keys/a", "The proof's public_key_url 'https://u@api.yoti.com/keys/a' is not a plain absolute http(s) URL; nothing was requested.")]
    [InlineData("https://api.yoti.com/keys/a#x", "The proof's public_key_url 'https://api.yoti.com/keys/a#x' is not a plain absolute http(s) URL; nothing was requested.")]
    [InlineData("http://api.yoti.com/keys/a", "The proof's key set 'http://api.yoti.com/keys/a' is on plain HTTP; only HTTPS (or loopback) is fetched. Nothing was requested.")]
    [InlineData("https://evil.example/keys/a", "The proof's key set is on https://evil.example, which is neither the API origin of the connection nor a trusted key origin (Connect-YotiIdv -TrustedKeyOrigin); nothing was requested. Give a key set you trust with -JwksPath.")]
    public void AnUntrustedKeyUrlSaysWhyAndGivesNoUrl(string? url, string message)
    {
        Assert.Equal(message, KeyOrigin.WhyUntrusted(url, Api, out Uri? fetch));
        Assert.Null(fetch);
    }

    [Fact]
    public void ATrustedKeyUrlIsGivenBackToFetch()
    {
        Assert.Null(KeyOrigin.WhyUntrusted("https://api.yoti.com/idverify/v1/keys/a", Api, out Uri? fetch));
        Assert.Equal("https://api.yoti.com/idverify/v1/keys/a", fetch!.AbsoluteUri);
        Assert.Null(KeyOrigin.WhyUntrusted("http://[::1]:5000/keys/a", new[] { new Uri("http://[::1]:5000") }, out _));
    }

    [Fact]
    public void AKeySetIsAnObjectWithKeys_OrOneKey()
    {
        Assert.Equal("A key set is a JSON object.", Assert.ThrowsAny<FormatException>(() => YotiKeySet.Parse(Encoding.UTF8.GetBytes("[]"))).Message);
        Assert.Equal("A key set has a 'keys' array.", Assert.ThrowsAny<FormatException>(() => YotiKeySet.Parse(Encoding.UTF8.GetBytes("{\"keys\":{}}"))).Message);
        Assert.Equal("A key set has a 'keys' array.", Assert.ThrowsAny<FormatException>(() => YotiKeySet.Parse(Encoding.UTF8.GetBytes("{\"kty\":1}"))).Message);
        YotiKeySet single = YotiKeySet.Parse(Encoding.UTF8.GetBytes("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"k\",\"x\":\"XghH-RaGn4OPIcD8TS1n19qlWns4qZoiuZcW_VGAGUk\"}"));
        Assert.Equal("k", Assert.Single(single.Keys).KeyId);
        Assert.Equal(32, single.Keys[0].Ed25519Key!.Length);
        Assert.Equal("OKP Ed25519", single.Keys[0].Describe());
        YotiKeySet mixed = YotiKeySet.Parse(Encoding.UTF8.GetBytes("{\"keys\":[1,{\"kid\":\"a\"},{\"kty\":\"EC\",\"crv\":\"Ed25519\",\"x\":\"XghH-RaGn4OPIcD8TS1n19qlWns4qZoiuZcW_VGAGUk\"},{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"XghH-RaGn4OPIcD8TS1n19qlWns4qZoiuZcW_VGAGUk\"}]}"));
        Assert.Equal(3, mixed.Keys.Count); // the number is not a key
        Assert.Equal("no kty", mixed.Keys[0].Describe());
        Assert.All(mixed.Keys, k => Assert.Null(k.Ed25519Key)); // EC or X25519 with the right length is still no Ed25519 key
    }

    [Theory]
    [InlineData("", new byte[0])]
    [InlineData("AA", new byte[] { 0 })]
    [InlineData("AAE", new byte[] { 0, 1 })]
    [InlineData("-_8", new byte[] { 0xFB, 0xFF })]
    [InlineData("Zm9v", new byte[] { (byte)'f', (byte)'o', (byte)'o' })]
    [InlineData("aZ09", new byte[] { 0x69, 0x9D, 0x3D })]
    public void Base64UrlReadsItsAlphabetWithoutPadding(string text, byte[] bytes) => Assert.Equal(bytes, Base64Url.TryDecode(text));

    [Theory]
    [InlineData(null)]
    [InlineData("A")]
    [InlineData("AAAAA")]
    [InlineData("AA==")]
    [InlineData("+/8")]
    [InlineData("A A")]
    [InlineData("AB")] // a non-canonical last character (bits that are not zero)
    [InlineData("Zm9v!")]
    [InlineData("@@@@")]
    [InlineData("[[[[")]
    [InlineData("{{{{")]
    [InlineData("::::")]
    public void Base64UrlRefusesAnythingElse(string? text) => Assert.Null(Base64Url.TryDecode(text));
}
