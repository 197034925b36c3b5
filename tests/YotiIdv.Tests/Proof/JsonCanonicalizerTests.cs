using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using YotiIdv.Proof;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Proof;

/// <summary>RFC 8785 (JCS) with its own test data: the examples of sections 3.2.2-3.2.4 and the number table of appendix B.</summary>
public sealed class JsonCanonicalizerTests
{
    private static string Canonical(string json) => Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Rfc8785_Section322_SerializationOfPrimitiveDataTypes()
    {
        const string input = "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50,\n              2e-3, 0.000000000000000000000000001],\n"
            + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n  \"literals\": [null, true, false]\n}";
        Assert.Equal("{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}", Canonical(input));
    }

    [Fact]
    public void Rfc8785_Section323_SortingOfObjectProperties()
    {
        const string input = "{\n  \"\\u20ac\": \"Euro Sign\",\n  \"\\r\": \"Carriage Return\",\n  \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\",\n"
            + "  \"1\": \"One\",\n  \"\\ud83d\\ude00\": \"Emoji: Grinning Face\",\n  \"\\u0080\": \"Control\",\n  \"\\u00f6\": \"Latin Small Letter O With Diaeresis\"\n}";
        Assert.Equal("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"ö\":\"Latin Small Letter O With Diaeresis\","
            + "\"€\":\"Euro Sign\",\"😀\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}", Canonical(input));
    }

    [Fact]
    public void Rfc8785_Section324_Utf8Generation()
    {
        byte[] bytes = JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes("{\n  \"Unnormalized Unicode\":\"A\\u030a\"\n}"));
        Assert.Equal("7b 22 55 6e 6e 6f 72 6d 61 6c 69 7a 65 64 20 55 6e 69 63 6f 64 65 22 3a 22 41 cc 8a 22 7d",
            string.Join(" ", bytes.Select(b => b.ToString("x2"))));
    }

    /// <summary>RFC 8785 appendix B: IEEE 754 value (hex) and its canonical form.</summary>
    [Theory]
    [InlineData("0000000000000000", "0")]
    [InlineData("8000000000000000", "0")] // minus zero
    [InlineData("0000000000000001", "5e-324")]
    [InlineData("8000000000000001", "-5e-324")]
    [InlineData("7fefffffffffffff", "1.7976931348623157e+308")]
    [InlineData("ffefffffffffffff", "-1.7976931348623157e+308")]
    [InlineData("4340000000000000", "9007199254740992")]
    [InlineData("c340000000000000", "-9007199254740992")]
    [InlineData("4430000000000000", "295147905179352830000")]
    [InlineData("44b52d02c7e14af5", "9.999999999999997e+22")]
    [InlineData("44b52d02c7e14af6", "1e+23")]
    [InlineData("44b52d02c7e14af7", "1.0000000000000001e+23")]
    [InlineData("444b1ae4d6e2ef4e", "999999999999999700000")]
    [InlineData("444b1ae4d6e2ef4f", "999999999999999900000")]
    [InlineData("444b1ae4d6e2ef50", "1e+21")]
    [InlineData("3eb0c6f7a0b5ed8c", "9.999999999999997e-7")]
    [InlineData("3eb0c6f7a0b5ed8d", "0.000001")]
    [InlineData("41b3de4355555553", "333333333.3333332")]
    [InlineData("41b3de4355555554", "333333333.33333325")]
    [InlineData("41b3de4355555555", "333333333.3333333")]
    [InlineData("41b3de4355555556", "333333333.3333334")]
    [InlineData("41b3de4355555557", "333333333.33333343")]
    [InlineData("becbf647612f3696", "-0.0000033333333333333333")]
    [InlineData("43143ff3c1cb0959", "1424953923781206.2")]
    public void Rfc8785_AppendixB_NumberSerialization(string ieeeHex, string expected)
    {
        double value = BitConverter.Int64BitsToDouble(Convert.ToInt64(ieeeHex, 16));
        Assert.Equal(expected, EcmaNumber.Format(value));

        // And back: the canonical text parses to the same double (minus zero aside, which JCS writes as 0).
        Assert.True(EcmaNumber.TryParse(expected, out double parsed));
        Assert.Equal(value == 0 ? 0L : BitConverter.DoubleToInt64Bits(value), value == 0 ? 0L : BitConverter.DoubleToInt64Bits(parsed));
    }

    [Theory]
    [InlineData("7fffffffffffffff")] // NaN
    [InlineData("7ff0000000000000")] // Infinity
    public void Rfc8785_AppendixB_NaNAndInfinityAreErrors(string ieeeHex) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EcmaNumber.Format(BitConverter.Int64BitsToDouble(Convert.ToInt64(ieeeHex, 16))));

    [Theory]
    [InlineData("1e21", "1e+21")]
    [InlineData("1E+21", "1e+21")]
    [InlineData("1e-7", "1e-7")]
    [InlineData("-0", "0")]
    [InlineData("-0.0e5", "0")]
    [InlineData("4.50", "4.5")]
    [InlineData("9007199254740993", "9007199254740992")] // past 2^53: rounded as a double (ties to even)
    [InlineData("9007199254740995", "9007199254740996")]
    [InlineData("12345678901234567890", "12345678901234567000")]
    [InlineData("100000000000000000000", "100000000000000000000")]
    [InlineData("0.1", "0.1")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("0.0000001", "1e-7")]
    [InlineData("123456789012345680000", "123456789012345680000")]
    [InlineData("2.4703282292062327e-324", "0")] // exactly half the smallest subnormal: ties to even, 0
    [InlineData("2.4703282292062328e-324", "5e-324")]
    [InlineData("1e-400", "0")]
    [InlineData("0.30000000000000004", "0.30000000000000004")]
    [InlineData("1.00000000000000011102230246251565404236316680908203125", "1")] // halfway to the next double: even
    [InlineData("1.00000000000000011102230246251565404236316680908203126", "1.0000000000000002")]
    public void Numbers_ParseAndWriteAsEcmaScript(string text, string expected) => Assert.Equal(expected, Canonical(text));

    [Theory]
    [InlineData("1e309")]
    [InlineData("-1e400")]
    [InlineData("1.7976931348623159e308")] // rounds up past the largest double
    public void Numbers_OutsideTheDoubleRangeAreNotIJson(string text) => Assert.Throws<JcsFormatException>(() => Canonical(text));

    /// <summary>
    /// 2,100 doubles (random bit patterns, powers of ten, subnormals, around 2^53 and 1e21) with Node's String(x),
    /// the ECMAScript reference: the module writes each the same, and reads each back to the same bits.
    /// </summary>
    [Fact]
    public void Numbers_MatchEcmaScriptOnThousandsOfDoubles()
    {
        using JsonDocument samples = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "tests", "YotiIdv.Tests", "Proof", "ecmascript-numbers.json")));
        int count = 0;
        foreach (JsonElement sample in samples.RootElement.GetProperty("samples").EnumerateArray())
        {
            long bits = Convert.ToInt64(sample[0].GetString(), 16);
            string expected = sample[1].GetString()!;
            double value = BitConverter.Int64BitsToDouble(bits);
            Assert.True(expected == EcmaNumber.Format(value), $"{sample[0].GetString()}: expected {expected}, got {EcmaNumber.Format(value)}");
            Assert.True(EcmaNumber.TryParse(expected, out double parsed));
            Assert.True(value == 0 ? parsed == 0 : BitConverter.DoubleToInt64Bits(parsed) == bits, $"{expected} read back as {parsed:R}");
            count++;
        }

        Assert.True(count > 2000);
    }

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}")] // duplicate key (I-JSON)
    [InlineData("{\"a\":{\"b\":1,\"b\":1}}")]
    [InlineData("{\"a\\u0062\":1,\"ab\":2}")] // the same name, once escaped
    [InlineData("\"\\ud800\"")] // lone surrogate
    [InlineData("\"\\udc00x\"")]
    [InlineData("[1,]")]
    [InlineData("{\"a\":1,}")]
    [InlineData("01")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("+1")]
    [InlineData("NaN")]
    [InlineData("\"a\tb\"")] // raw control character
    [InlineData("\"\\x\"")]
    [InlineData("{'a':1}")]
    [InlineData("[1] [2]")]
    [InlineData("")]
    [InlineData("tru")]
    public void NotIJson_IsRefused(string json) => Assert.Throws<JcsFormatException>(() => Canonical(json));

    [Fact]
    public void InvalidUtf8_AndDeepNesting_AreRefused()
    {
        Assert.Throws<JcsFormatException>(() => JsonCanonicalizer.Canonicalize(new byte[] { (byte)'"', 0xC3, 0x28, (byte)'"' }));
        Assert.Throws<JcsFormatException>(() => Canonical(new string('[', 1000) + new string(']', 1000)));
        Assert.Equal("[[[]]]", Canonical("[[[]]]"));
    }

    [Fact]
    public void Strings_UseTheMinimalEscapes_AndABomIsIgnored()
    {
        Assert.Equal("\"\\u0000\\u001f\\b\\t\\n\\f\\r\u007f\u2028/\\\"\\\\\"", Canonical("\"\\u0000\\u001F\\b\\t\\n\\f\\r\\u007f\\u2028\\/\\\"\\\\\""));
        Assert.Equal("{\"a\":\"é\"}", Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("{ \"a\" : \"\\u00e9\" }")).ToArray())));
    }

    [Fact]
    public void IndentedWriter_KeepsDocumentOrder_AndReadsBackToTheSameCanonicalForm()
    {
        const string json = "{\"b\":[1,{\"z\":null,\"a\":true}],\"a\":\"x\",\"e\":{},\"f\":[]}";
        string indented = JsonCanonicalizer.WriteIndented(JsonCanonicalizer.Parse(json));
        Assert.Equal("{\n  \"b\": [\n    1,\n    {\n      \"z\": null,\n      \"a\": true\n    }\n  ],\n  \"a\": \"x\",\n  \"e\": {},\n  \"f\": []\n}\n", indented);
        Assert.Equal(Canonical(json), Canonical(indented));
    }
}
