using System;

namespace YotiIdv.Signing;

/// <summary>
/// A minimal DER reader: just enough ASN.1 to read PKCS#1, PKCS#8 and SubjectPublicKeyInfo RSA keys.
/// netstandard2.0 has no ImportFromPem and System.Formats.Asn1 would be one more assembly to ship,
/// so the few tags we need are read here. Every read is bounds-checked and throws FormatException.
/// </summary>
internal ref struct DerReader
{
    internal const byte Integer = 0x02;
    internal const byte BitString = 0x03;
    internal const byte OctetString = 0x04;
    internal const byte Null = 0x05;
    internal const byte ObjectIdentifier = 0x06;
    internal const byte Sequence = 0x30;

    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public DerReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public bool HasData => _position < _data.Length;

    public byte PeekTag()
    {
        if (!HasData)
        {
            throw new FormatException("Unexpected end of DER data.");
        }

        return _data[_position];
    }

    /// <summary>Reads one element with the expected tag and returns its contents.</summary>
    public ReadOnlySpan<byte> ReadElement(byte expectedTag)
    {
        byte tag = PeekTag();
        if (tag != expectedTag)
        {
            throw new FormatException($"Expected DER tag 0x{expectedTag:X2} but found 0x{tag:X2}.");
        }

        _position++;
        int length = ReadLength();
        if (length > _data.Length - _position)
        {
            throw new FormatException("DER element length runs past the end of the data.");
        }

        ReadOnlySpan<byte> contents = _data.Slice(_position, length);
        _position += length;
        return contents;
    }

    public DerReader ReadSequence() => new DerReader(ReadElement(Sequence));

    /// <summary>Reads an INTEGER as unsigned big-endian bytes without a leading sign byte.</summary>
    public byte[] ReadUnsignedInteger()
    {
        ReadOnlySpan<byte> value = ReadElement(Integer);
        if (value.Length == 0)
        {
            throw new FormatException("Empty DER INTEGER.");
        }

        if ((value[0] & 0x80) != 0)
        {
            throw new FormatException("Negative DER INTEGER where an unsigned value was expected.");
        }

        while (value.Length > 1 && value[0] == 0)
        {
            value = value.Slice(1);
        }

        return value.ToArray();
    }

    public int ReadSmallInteger()
    {
        byte[] bytes = ReadUnsignedInteger();
        if (bytes.Length > 3)
        {
            throw new FormatException("DER INTEGER too large.");
        }

        int result = 0;
        foreach (byte b in bytes)
        {
            result = (result << 8) | b;
        }

        return result;
    }

    /// <summary>Reads an OBJECT IDENTIFIER in dotted form.</summary>
    public string ReadObjectIdentifier()
    {
        ReadOnlySpan<byte> value = ReadElement(ObjectIdentifier);
        if (value.Length == 0)
        {
            throw new FormatException("Empty DER OBJECT IDENTIFIER.");
        }

        var text = new System.Text.StringBuilder();
        text.Append(value[0] / 40).Append('.').Append(value[0] % 40);
        long component = 0;
        for (int i = 1; i < value.Length; i++)
        {
            component = (component << 7) | (uint)(value[i] & 0x7F);
            if (component > int.MaxValue)
            {
                throw new FormatException("DER OBJECT IDENTIFIER component too large.");
            }

            if ((value[i] & 0x80) == 0)
            {
                text.Append('.').Append(component);
                component = 0;
            }
        }

        return text.ToString();
    }

    public void Skip()
    {
        _position++;
        int length = ReadLength();
        if (length > _data.Length - _position)
        {
            throw new FormatException("DER element length runs past the end of the data.");
        }

        _position += length;
    }

    private int ReadLength()
    {
        if (!HasData)
        {
            throw new FormatException("Unexpected end of DER data.");
        }

        byte first = _data[_position++];
        if (first < 0x80)
        {
            return first;
        }

        int count = first & 0x7F;
        if (count == 0 || count > 3)
        {
            throw new FormatException("Unsupported DER length encoding.");
        }

        int length = 0;
        for (int i = 0; i < count; i++)
        {
            if (!HasData)
            {
                throw new FormatException("Unexpected end of DER data.");
            }

            length = (length << 8) | _data[_position++];
        }

        return length;
    }
}
