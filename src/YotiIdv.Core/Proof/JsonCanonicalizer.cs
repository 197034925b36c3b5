using System;
using System.Collections.Generic;
using System.Text;

namespace YotiIdv.Proof;

/// <summary>A JSON value as RFC 8785 sees it: objects keep their members in document order until written.</summary>
internal abstract class JcsValue
{
}

internal sealed class JcsObject : JcsValue
{
    public List<KeyValuePair<string, JcsValue>> Members { get; } = new List<KeyValuePair<string, JcsValue>>();

    public JcsValue? this[string name]
    {
        get
        {
            foreach (KeyValuePair<string, JcsValue> member in Members)
            {
                if (string.Equals(member.Key, name, StringComparison.Ordinal))
                {
                    return member.Value;
                }
            }

            return null;
        }

        set
        {
            for (int i = 0; i < Members.Count; i++)
            {
                if (string.Equals(Members[i].Key, name, StringComparison.Ordinal))
                {
                    Members[i] = new KeyValuePair<string, JcsValue>(name, value!);
                    return;
                }
            }

            Members.Add(new KeyValuePair<string, JcsValue>(name, value!));
        }
    }

    public string? GetString(string name) => (this[name] as JcsString)?.Value;
}

internal sealed class JcsArray : JcsValue
{
    public List<JcsValue> Items { get; } = new List<JcsValue>();
}

internal sealed class JcsString : JcsValue
{
    public JcsString(string value) => Value = value;

    public string Value { get; }
}

internal sealed class JcsNumber : JcsValue
{
    public JcsNumber(double value) => Value = value;

    public double Value { get; }
}

/// <summary><c>true</c>, <c>false</c> or <c>null</c>.</summary>
internal sealed class JcsLiteral : JcsValue
{
    public static readonly JcsLiteral True = new JcsLiteral("true");
    public static readonly JcsLiteral False = new JcsLiteral("false");
    public static readonly JcsLiteral Null = new JcsLiteral("null");

    private JcsLiteral(string text) => Text = text;

    public string Text { get; }
}

/// <summary>The input is not I-JSON (RFC 7493): bad syntax, invalid UTF-8, a lone surrogate, a duplicate key, a number out of range.</summary>
internal sealed class JcsFormatException : FormatException
{
    public JcsFormatException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme: a strict I-JSON parser and the canonical writer (members sorted by
/// UTF-16 code units, no whitespace, minimal string escapes, ECMAScript numbers), plus an indented writer that
/// keeps document order (for the emulator's readable sample reports).
/// </summary>
internal static class JsonCanonicalizer
{
    private const int MaxDepth = 128;
    private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses UTF-8 JSON (a leading BOM is allowed). Throws <see cref="JcsFormatException"/>.</summary>
    public static JcsValue Parse(byte[] utf8)
    {
        string text;
        try
        {
            int skip = utf8.Length >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF ? 3 : 0;
            text = StrictUtf8.GetString(utf8, skip, utf8.Length - skip);
        }
        catch (ArgumentException)
        {
            throw new JcsFormatException("The text is not valid UTF-8.");
        }

        return Parse(text);
    }

    /// <summary>Parses JSON text. Throws <see cref="JcsFormatException"/>.</summary>
    public static JcsValue Parse(string text)
    {
        var parser = new Parser(text);
        parser.SkipWhitespace();
        JcsValue value = parser.ReadValue(0);
        parser.SkipWhitespace();
        if (!parser.AtEnd)
        {
            throw parser.Fail("text after the JSON value");
        }

        return value;
    }

    /// <summary>The canonical UTF-8 bytes of a JSON text (RFC 8785).</summary>
    public static byte[] Canonicalize(byte[] utf8) => Canonicalize(Parse(utf8));

    public static byte[] Canonicalize(JcsValue value)
    {
        var builder = new StringBuilder();
        WriteCanonical(builder, value);
        return StrictUtf8.GetBytes(builder.ToString());
    }

    /// <summary>Indented JSON in document order (two spaces, LF), strings and numbers written as the canonical form writes them.</summary>
    public static string WriteIndented(JcsValue value)
    {
        var builder = new StringBuilder();
        WriteIndented(builder, value, 0);
        return builder.Append('\n').ToString();
    }

    private static void WriteCanonical(StringBuilder builder, JcsValue value)
    {
        switch (value)
        {
            case JcsObject obj:
                var members = new List<KeyValuePair<string, JcsValue>>(obj.Members);
                members.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key)); // ordinal = UTF-16 code units
                builder.Append('{');
                for (int i = 0; i < members.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    WriteString(builder, members[i].Key);
                    builder.Append(':');
                    WriteCanonical(builder, members[i].Value);
                }

                builder.Append('}');
                break;
            case JcsArray array:
                builder.Append('[');
                for (int i = 0; i < array.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    WriteCanonical(builder, array.Items[i]);
                }

                builder.Append(']');
                break;
            default:
                WriteScalar(builder, value);
                break;
        }
    }

    private static void WriteIndented(StringBuilder builder, JcsValue value, int depth)
    {
        string inner = new string(' ', (depth + 1) * 2);
        switch (value)
        {
            case JcsObject obj when obj.Members.Count > 0:
                builder.Append("{\n");
                for (int i = 0; i < obj.Members.Count; i++)
                {
                    builder.Append(inner);
                    WriteString(builder, obj.Members[i].Key);
                    builder.Append(": ");
                    WriteIndented(builder, obj.Members[i].Value, depth + 1);
                    builder.Append(i < obj.Members.Count - 1 ? ",\n" : "\n");
                }

                builder.Append(' ', depth * 2).Append('}');
                break;
            case JcsArray array when array.Items.Count > 0:
                builder.Append("[\n");
                for (int i = 0; i < array.Items.Count; i++)
                {
                    builder.Append(inner);
                    WriteIndented(builder, array.Items[i], depth + 1);
                    builder.Append(i < array.Items.Count - 1 ? ",\n" : "\n");
                }

                builder.Append(' ', depth * 2).Append(']');
                break;
            case JcsObject:
                builder.Append("{}");
                break;
            case JcsArray:
                builder.Append("[]");
                break;
            default:
                WriteScalar(builder, value);
                break;
        }
    }

    private static void WriteScalar(StringBuilder builder, JcsValue value)
    {
        switch (value)
        {
            case JcsString s:
                WriteString(builder, s.Value);
                break;
            case JcsNumber n:
                builder.Append(EcmaNumber.Format(n.Value));
                break;
            case JcsLiteral l:
                builder.Append(l.Text);
                break;
            default:
                throw new InvalidOperationException("Unknown JSON value " + value.GetType().Name + ".");
        }
    }

    /// <summary>RFC 8785 3.2.2.2: only '"', '\' and controls are escaped; controls use the short forms or \u00xx (lower case).</summary>
    private static void WriteString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        builder.Append("\\u00").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }

    /// <summary>A strict RFC 8259 reader with the I-JSON restrictions RFC 8785 relies on.</summary>
    private sealed class Parser
    {
        private readonly string _text;
        private int _pos;

        public Parser(string text) => _text = text;

        public bool AtEnd => _pos >= _text.Length;

        public JcsFormatException Fail(string what) => new JcsFormatException($"Invalid JSON at character {_pos}: {what}.");

        public void SkipWhitespace()
        {
            while (_pos < _text.Length && (_text[_pos] == ' ' || _text[_pos] == '\t' || _text[_pos] == '\n' || _text[_pos] == '\r'))
            {
                _pos++;
            }
        }

        public JcsValue ReadValue(int depth)
        {
            if (depth > MaxDepth)
            {
                throw Fail($"nested deeper than {MaxDepth} levels");
            }

            if (AtEnd)
            {
                throw Fail("unexpected end of text");
            }

            char c = _text[_pos];
            switch (c)
            {
                case '{': return ReadObject(depth);
                case '[': return ReadArray(depth);
                case '"': return new JcsString(ReadString());
                case 't': return ReadLiteral("true", JcsLiteral.True);
                case 'f': return ReadLiteral("false", JcsLiteral.False);
                case 'n': return ReadLiteral("null", JcsLiteral.Null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        return ReadNumber();
                    }

                    throw Fail($"unexpected character '{Describe(c)}'");
            }
        }

        private JcsObject ReadObject(int depth)
        {
            var obj = new JcsObject();
            var names = new HashSet<string>(StringComparer.Ordinal);
            _pos++;
            SkipWhitespace();
            if (Peek() == '}')
            {
                _pos++;
                return obj;
            }

            while (true)
            {
                SkipWhitespace();
                if (Peek() != '"')
                {
                    throw Fail("expected a member name");
                }

                string name = ReadString();
                if (!names.Add(name))
                {
                    throw Fail("a member name appears twice in one object (I-JSON forbids it)");
                }

                SkipWhitespace();
                Expect(':');
                SkipWhitespace();
                obj.Members.Add(new KeyValuePair<string, JcsValue>(name, ReadValue(depth + 1)));
                SkipWhitespace();
                char next = Peek();
                _pos++;
                if (next == '}')
                {
                    return obj;
                }

                if (next != ',')
                {
                    _pos--;
                    throw Fail("expected ',' or '}'");
                }
            }
        }

        private JcsArray ReadArray(int depth)
        {
            var array = new JcsArray();
            _pos++;
            SkipWhitespace();
            if (Peek() == ']')
            {
                _pos++;
                return array;
            }

            while (true)
            {
                SkipWhitespace();
                array.Items.Add(ReadValue(depth + 1));
                SkipWhitespace();
                char next = Peek();
                _pos++;
                if (next == ']')
                {
                    return array;
                }

                if (next != ',')
                {
                    _pos--;
                    throw Fail("expected ',' or ']'");
                }
            }
        }

        private string ReadString()
        {
            _pos++; // the opening quote
            var builder = new StringBuilder();
            while (true)
            {
                if (AtEnd)
                {
                    throw Fail("unterminated string");
                }

                char c = _text[_pos++];
                if (c == '"')
                {
                    break;
                }

                if (c < 0x20)
                {
                    _pos--;
                    throw Fail("unescaped control character in a string");
                }

                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }

                if (AtEnd)
                {
                    throw Fail("unterminated escape");
                }

                char e = _text[_pos++];
                switch (e)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u': builder.Append(ReadHex4()); break;
                    default:
                        _pos--;
                        throw Fail($"invalid escape '\\{Describe(e)}'");
                }
            }

            string value = builder.ToString();
            for (int i = 0; i < value.Length; i++)
            {
                // I-JSON: strings are Unicode text; a lone surrogate has no UTF-8 form and no canonical one.
                if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(value[i]))
                {
                    throw Fail("a string holds a lone surrogate");
                }
            }

            return value;
        }

        private char ReadHex4()
        {
            if (_pos + 4 > _text.Length)
            {
                throw Fail("truncated \\u escape");
            }

            int code = 0;
            for (int i = 0; i < 4; i++)
            {
                char h = _text[_pos++];
                int digit = h >= '0' && h <= '9' ? h - '0'
                    : h >= 'a' && h <= 'f' ? h - 'a' + 10
                    : h >= 'A' && h <= 'F' ? h - 'A' + 10
                    : -1;
                if (digit < 0)
                {
                    _pos--;
                    throw Fail("invalid \\u escape");
                }

                code = (code << 4) | digit;
            }

            return (char)code;
        }

        private JcsNumber ReadNumber()
        {
            int start = _pos;
            if (Peek() == '-')
            {
                _pos++;
            }

            if (Peek() == '0')
            {
                _pos++;
            }
            else if (IsDigit(Peek()))
            {
                SkipDigits();
            }
            else
            {
                throw Fail("a number needs digits");
            }

            if (Peek() == '.')
            {
                _pos++;
                if (!IsDigit(Peek()))
                {
                    throw Fail("a fraction needs digits");
                }

                SkipDigits();
            }

            if (Peek() == 'e' || Peek() == 'E')
            {
                _pos++;
                if (Peek() == '+' || Peek() == '-')
                {
                    _pos++;
                }

                if (!IsDigit(Peek()))
                {
                    throw Fail("an exponent needs digits");
                }

                SkipDigits();
            }

            string text = _text.Substring(start, _pos - start);
            if (!EcmaNumber.TryParse(text, out double value))
            {
                _pos = start;
                throw Fail($"the number {text} is outside the range of an IEEE 754 double");
            }

            return new JcsNumber(value);
        }

        private JcsValue ReadLiteral(string word, JcsLiteral literal)
        {
            if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0)
            {
                throw Fail("unknown literal");
            }

            _pos += word.Length;
            return literal;
        }

        private void Expect(char c)
        {
            if (Peek() != c)
            {
                throw Fail($"expected '{c}'");
            }

            _pos++;
        }

        private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private void SkipDigits()
        {
            while (IsDigit(Peek()))
            {
                _pos++;
            }
        }

        private static string Describe(char c) => c < 0x20 || c == 0x7F ? "U+" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) : c.ToString();
    }
}
