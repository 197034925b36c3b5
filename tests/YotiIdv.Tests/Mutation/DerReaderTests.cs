using System;
using YotiIdv.Signing;

namespace YotiIdv.Tests.Mutation;

/// <summary>
/// The DER reader byte by byte: every length form it accepts or refuses, every bound, the INTEGER and OBJECT
/// IDENTIFIER decoding. Written for the Stryker survivors of Signing/DerReader.cs (tests/mutation/survivors.md):
/// real keys only ever use short and two-byte lengths, so the other branches were never exercised.
/// </summary>
public class DerReaderTests
{
    private static byte[] Read(byte tag, params byte[] der)
    {
        var reader = new DerReader(der);
        return reader.ReadElement(tag).ToArray();
    }

    private static FormatException Refused(Func<object?> read) => Assert.Throws<FormatException>(() => read());

    [Fact]
    public void EveryLengthFormUpToThreeBytesIsRead()
    {
        Assert.Equal(new byte[] { 9 }, Read(DerReader.OctetString, 0x04, 0x01, 9));
        Assert.Equal(new byte[] { 7, 8 }, Read(DerReader.OctetString, 0x04, 0x81, 0x02, 7, 8));
        Assert.Equal(new byte[] { 7, 8 }, Read(DerReader.OctetString, 0x04, 0x82, 0x00, 0x02, 7, 8));
        Assert.Equal(new byte[] { 7, 8 }, Read(DerReader.OctetString, 0x04, 0x83, 0x00, 0x00, 0x02, 7, 8));

        // 0x7F is the longest short form; 0x81 0x80 the shortest long form that needs it; 0x82 0x01 0x00 is 256.
        Assert.Equal(127, Read(DerReader.OctetString, Element(0x04, new byte[] { 0x7F }, 127)).Length);
        Assert.Equal(128, Read(DerReader.OctetString, Element(0x04, new byte[] { 0x81, 0x80 }, 128)).Length);
        Assert.Equal(256, Read(DerReader.OctetString, Element(0x04, new byte[] { 0x82, 0x01, 0x00 }, 256)).Length);
        Assert.Equal(65536, Read(DerReader.OctetString, Element(0x04, new byte[] { 0x83, 0x01, 0x00, 0x00 }, 65536)).Length);
    }

    [Fact]
    public void AnEmptyElementIsReadAndTheNextOneFollowsIt()
    {
        var reader = new DerReader(new byte[] { 0x05, 0x00, 0x04, 0x01, 0x2A });
        Assert.True(reader.HasData);
        Assert.Equal(0, reader.ReadElement(DerReader.Null).Length);
        Assert.Equal(DerReader.OctetString, reader.PeekTag());
        Assert.Equal(new byte[] { 0x2A }, reader.ReadElement(DerReader.OctetString).ToArray());
        Assert.False(reader.HasData);
    }

    [Theory]
    [InlineData(new byte[] { 0x04, 0x80 })] // indefinite length: not DER
    [InlineData(new byte[] { 0x04, 0x84, 0, 0, 0, 1, 0 })] // four length bytes: no key needs them
    [InlineData(new byte[] { 0x04, 0xFF })]
    public void UnsupportedLengthEncodingsAreRefused(byte[] der)
    {
        FormatException ex = Refused(() => Read(DerReader.OctetString, der));
        Assert.Equal("Unsupported DER length encoding.", ex.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x04 })] // the tag and nothing else
    [InlineData(new byte[] { 0x04, 0x82, 0x01 })] // one of two length bytes
    [InlineData(new byte[] { 0x04, 0x83 })]
    [InlineData(new byte[] { })]
    public void DataEndingInsideTheTagOrLengthIsRefused(byte[] der)
    {
        FormatException ex = Refused(() => Read(DerReader.OctetString, der));
        Assert.Equal("Unexpected end of DER data.", ex.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x04, 0x02, 1 })]
    [InlineData(new byte[] { 0x04, 0x81, 0x02, 1 })]
    [InlineData(new byte[] { 0x04, 0x82, 0xFF, 0xFF, 1 })]
    public void ALengthPastTheEndIsRefused(byte[] der)
    {
        FormatException ex = Refused(() => Read(DerReader.OctetString, der));
        Assert.Equal("DER element length runs past the end of the data.", ex.Message);
    }

    [Fact]
    public void ALengthThatEndsExactlyAtTheEndIsRead()
    {
        Assert.Equal(new byte[] { 1, 2 }, Read(DerReader.OctetString, 0x04, 0x02, 1, 2));
    }

    [Fact]
    public void AnotherTagIsRefusedNamingBothTags()
    {
        FormatException ex = Refused(() => Read(DerReader.Sequence, 0x02, 0x01, 0x00));
        Assert.Equal("Expected DER tag 0x30 but found 0x02.", ex.Message);
    }

    [Fact]
    public void UnsignedIntegersLoseOnlyTheirLeadingZeroBytes()
    {
        Assert.Equal(new byte[] { 0x80, 0x00 }, Integer(0x00, 0x80, 0x00));
        Assert.Equal(new byte[] { 0x01, 0x00 }, Integer(0x00, 0x00, 0x01, 0x00));
        Assert.Equal(new byte[] { 0x00 }, Integer(0x00));
        Assert.Equal(new byte[] { 0x00 }, Integer(0x00, 0x00));
        Assert.Equal(new byte[] { 0x7F, 0x00 }, Integer(0x7F, 0x00));
    }

    [Fact]
    public void NegativeAndEmptyIntegersAreRefused()
    {
        Assert.Equal("Negative DER INTEGER where an unsigned value was expected.", Refused(() => Integer(0x80)).Message);
        Assert.Equal("Negative DER INTEGER where an unsigned value was expected.", Refused(() => Integer(0xFF, 0x00)).Message);
        Assert.Equal("Empty DER INTEGER.", Refused(() => Integer()).Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x00 }, 0)]
    [InlineData(new byte[] { 0x01 }, 1)]
    [InlineData(new byte[] { 0x01, 0x02 }, 0x0102)]
    [InlineData(new byte[] { 0x7F, 0xFF, 0xFF }, 0x7FFFFF)]
    [InlineData(new byte[] { 0x00, 0x80, 0x00, 0x01 }, 0x800001)]
    public void SmallIntegersAreBigEndian(byte[] contents, int expected)
    {
        var reader = new DerReader(Element(0x02, contents));
        Assert.Equal(expected, reader.ReadSmallInteger());
    }

    [Fact]
    public void SmallIntegersOfFourBytesAreRefused()
    {
        FormatException ex = Refused(() =>
        {
            var reader = new DerReader(Element(0x02, new byte[] { 0x01, 0x00, 0x00, 0x00 }));
            return reader.ReadSmallInteger();
        });
        Assert.Equal("DER INTEGER too large.", ex.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01 }, "1.2.840.113549.1.1.1")]
    [InlineData(new byte[] { 0x2B, 0x65, 0x70 }, "1.3.101.112")] // Ed25519
    [InlineData(new byte[] { 0x55, 0x04, 0x03 }, "2.5.4.3")]
    [InlineData(new byte[] { 0x2A, 0x81, 0x00 }, "1.2.128")]
    [InlineData(new byte[] { 0x00 }, "0.0")]
    [InlineData(new byte[] { 0x2A, 0x87, 0xFF, 0xFF, 0xFF, 0x7F }, "1.2.2147483647")] // int.MaxValue itself
    public void ObjectIdentifiersAreDecodedToDottedForm(byte[] contents, string expected)
    {
        var reader = new DerReader(Element(0x06, contents));
        Assert.Equal(expected, reader.ReadObjectIdentifier());
    }

    [Fact]
    public void AnObjectIdentifierComponentPastInt32OrAnEmptyOneIsRefused()
    {
        FormatException tooLarge = Refused(() =>
        {
            var reader = new DerReader(Element(0x06, new byte[] { 0x2A, 0x88, 0x80, 0x80, 0x80, 0x00 }));
            return reader.ReadObjectIdentifier();
        });
        Assert.Equal("DER OBJECT IDENTIFIER component too large.", tooLarge.Message);

        FormatException empty = Refused(() =>
        {
            var reader = new DerReader(new byte[] { 0x06, 0x00 });
            return reader.ReadObjectIdentifier();
        });
        Assert.Equal("Empty DER OBJECT IDENTIFIER.", empty.Message);
    }

    [Fact]
    public void SkipPassesOverOneElementWhateverItsTag()
    {
        var reader = new DerReader(new byte[] { 0xA0, 0x81, 0x02, 0xEE, 0xEE, 0x02, 0x01, 0x05 });
        reader.Skip();
        Assert.Equal(5, reader.ReadSmallInteger());
        Assert.False(reader.HasData);

        FormatException past = Refused(() =>
        {
            var truncated = new DerReader(new byte[] { 0xA0, 0x03, 0xEE });
            truncated.Skip();
            return null;
        });
        Assert.Equal("DER element length runs past the end of the data.", past.Message);
    }

    [Fact]
    public void ASequenceReadsOnlyItsOwnContents()
    {
        var outer = new DerReader(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x07, 0x02, 0x01, 0x08 });
        DerReader inner = outer.ReadSequence();
        Assert.Equal(7, inner.ReadSmallInteger());
        Assert.False(inner.HasData);
        string? message = null;
        try
        {
            inner.PeekTag();
        }
        catch (FormatException ex)
        {
            message = ex.Message;
        }

        Assert.Equal("Unexpected end of DER data.", message);
        Assert.Equal(8, outer.ReadSmallInteger());
    }

    private static byte[] Integer(params byte[] contents)
    {
        var reader = new DerReader(Element(0x02, contents));
        return reader.ReadUnsignedInteger();
    }

    private static byte[] Element(byte tag, byte[] contents)
    {
        byte[] length = contents.Length < 0x80 ? new[] { (byte)contents.Length }
            : contents.Length < 0x100 ? new byte[] { 0x81, (byte)contents.Length }
            : new byte[] { 0x82, (byte)(contents.Length >> 8), (byte)contents.Length };
        return Element(tag, length, contents);
    }

    private static byte[] Element(byte tag, byte[] length, byte[] contents)
    {
        var der = new byte[1 + length.Length + contents.Length];
        der[0] = tag;
        length.CopyTo(der, 1);
        contents.CopyTo(der, 1 + length.Length);
        return der;
    }

    private static byte[] Element(byte tag, byte[] length, int contentLength) => Element(tag, length, new byte[contentLength]);
}
