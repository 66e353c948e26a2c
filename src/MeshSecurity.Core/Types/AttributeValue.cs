using System.Globalization;
using System.Runtime.CompilerServices;
using MeshSecurity.Core.Math;

namespace MeshSecurity.Core.Types;

/// <summary>
/// The value of an event attribute, kept typed (an amount, a height, coins, a packet's bytes, ...) and rendered to its
/// Tendermint text only when something asks for the text (<see cref="ToString"/>: the journal, events.jsonl, reports).
/// The app hash writes the typed value (<see cref="AttributeKind"/>), not the text. Two values are equal when they render
/// the same: an attribute read back from JSON is text, and equals the typed value it was written from.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(AttributeValueJsonConverter))]
public readonly struct AttributeValue : IEquatable<AttributeValue>
{
    // a string, Coin, Coins or byte[]; for numbers, a tag naming the kind with the value in _bits, or a Wide holding
    // both when it needs more than 64 bits: 16 bytes a value, no box for the amounts, heights and ratios of a run
    private readonly object? _ref;
    private readonly ulong _bits;

    private AttributeValue(object? reference, ulong bits)
    {
        _ref = reference;
        _bits = bits;
    }

    private sealed class Tag(AttributeKind kind)
    {
        public AttributeKind Kind { get; } = kind;
    }

    private sealed class Wide(AttributeKind kind, UInt128 value)
    {
        public AttributeKind Kind { get; } = kind;
        public UInt128 Value { get; } = value;
    }

    private static readonly Tag AmountTag = new(AttributeKind.Amount);
    private static readonly Tag UnsignedTag = new(AttributeKind.Unsigned);
    private static readonly Tag SignedTag = new(AttributeKind.Signed);
    private static readonly Tag BoolTag = new(AttributeKind.Bool);
    private static readonly Tag DecTag = new(AttributeKind.Dec);

    private static AttributeValue Of(Tag tag, UInt128 value) =>
        value <= ulong.MaxValue ? new(tag, (ulong)value) : new(new Wide(tag.Kind, value), 0);

    public static AttributeValue Text(string text) => new(text, 0);
    public static AttributeValue Of(Amount amount) => Of(AmountTag, amount.Value);
    public static AttributeValue Of(ulong value) => new(UnsignedTag, value);
    public static AttributeValue Of(long value) => new(SignedTag, (ulong)value);
    public static AttributeValue Of(bool value) => new(BoolTag, value ? 1UL : 0UL);
    public static AttributeValue Of(Dec value) => Of(DecTag, value.Atomics);
    public static AttributeValue Of(Coin coin) => new(coin, 0);
    public static AttributeValue Of(Coins coins) => new(coins, 0);

    /// <summary>Bytes rendered as lowercase hex; the array is kept, not copied (packet data and acks are never mutated).</summary>
    public static AttributeValue Hex(byte[] bytes) => new(bytes, 0);

    public static implicit operator AttributeValue(string text) => Text(text);
    public static implicit operator AttributeValue(Amount amount) => Of(amount);
    public static implicit operator AttributeValue(ulong value) => Of(value);
    public static implicit operator AttributeValue(long value) => Of(value);
    public static implicit operator AttributeValue(bool value) => Of(value);
    public static implicit operator AttributeValue(Dec value) => Of(value);
    public static implicit operator AttributeValue(Coin coin) => Of(coin);
    public static implicit operator AttributeValue(Coins coins) => Of(coins);
    public static implicit operator AttributeValue(Addr address) => Text(address.Value);

    public AttributeKind Kind => _ref switch
    {
        null or string => AttributeKind.Text,
        Tag t => t.Kind,
        Wide w => w.Kind,
        Coin => AttributeKind.Coin,
        Coins => AttributeKind.Coins,
        _ => AttributeKind.Bytes,
    };

    /// <summary>The value as an amount: typed, or parsed from the text of an attribute read back from JSON.</summary>
    public Amount AsAmount() => Kind == AttributeKind.Amount ? new Amount(Bits) : Amount.Parse(ToString());

    /// <summary>The value as an unsigned integer (a height, a sequence): typed, or parsed from text.</summary>
    public ulong AsUnsigned() => _ref == UnsignedTag ? _bits : ulong.Parse(ToString(), CultureInfo.InvariantCulture);

    /// <summary>The value as a decimal: typed, or parsed from text.</summary>
    public Dec AsDec() => Kind == AttributeKind.Dec ? new Dec(Bits) : Dec.Parse(ToString());

    private UInt128 Bits => _ref is Wide w ? w.Value : _bits;

    /// <summary>The bytes of a hex value: the array itself when typed, else decoded from the text.</summary>
    public byte[] AsBytes() => _ref as byte[] ?? Convert.FromHexString(ToString());

    /// <summary>The Tendermint text of the value.</summary>
    public override string ToString() => _ref switch
    {
        null => "",
        string s => s,
        Coin c => c.ToString(),
        Coins c => c.ToString(),
        byte[] b => HexOf(b),
        _ => Kind switch
        {
            AttributeKind.Amount => new Amount(Bits).ToString(),
            AttributeKind.Unsigned => _bits.ToString(CultureInfo.InvariantCulture),
            AttributeKind.Signed => ((long)_bits).ToString(CultureInfo.InvariantCulture),
            AttributeKind.Bool => _bits == 0 ? "false" : "true",
            _ => new Dec(Bits).ToString(),
        },
    };

    // a packet's data travels as the same array from send to receive to acknowledgement: its hex is written once
    private static readonly ConditionalWeakTable<byte[], string> HexTexts = new();

    private static string HexOf(byte[] data) => HexTexts.GetValue(data, static d => Convert.ToHexStringLower(d));

    /// <summary>
    /// Writes the kind's tag byte, then the value: text as a length-prefixed UTF-8 string; an amount, a decimal's atomics
    /// 16 bytes little-endian; an unsigned or signed integer 8 bytes little-endian; a bool 1 byte; a coin its denom
    /// (length-prefixed) and amount (16 bytes); coins their count (4 bytes) and each coin; bytes length-prefixed.
    /// </summary>
    internal void WriteTo(Execution.HashWriter h)
    {
        h.WriteByte((byte)Kind);
        switch (_ref)
        {
            case null: h.WriteField(""); break;
            case string s: h.WriteField(s); break;
            case Coin c: WriteCoin(h, c); break;
            case Coins coins:
                h.WriteUInt32((uint)coins.Count);
                foreach (var c in coins) WriteCoin(h, c);
                break;
            case byte[] b: h.WriteField(b); break;
            case Wide w: h.WriteUInt128(w.Value); break;
            case Tag t when t == AmountTag || t == DecTag: h.WriteUInt128(_bits); break;
            case Tag t when t == BoolTag: h.WriteByte(_bits == 0 ? (byte)0 : (byte)1); break;
            default: h.WriteUInt64(_bits); break;
        }
    }

    private static void WriteCoin(Execution.HashWriter h, Coin c)
    {
        h.WriteField(c.Denom);
        h.WriteUInt128(c.Amount.Value);
    }

    public bool Equals(AttributeValue other)
    {
        if (ReferenceEquals(_ref, other._ref)) return _bits == other._bits;
        return (_ref, other._ref) switch
        {
            (string a, string b) => a == b,
            (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
            (Coin a, Coin b) => a == b,
            (Coins a, Coins b) => a.Equals(b),
            (Wide a, Wide b) when a.Kind == b.Kind => a.Value == b.Value,
            _ => ToString() == other.ToString(),
        };
    }

    public override bool Equals(object? obj) => obj is AttributeValue other && Equals(other);

    /// <remarks>Of the text, as equality goes by the text across kinds.</remarks>
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    public static bool operator ==(AttributeValue a, AttributeValue b) => a.Equals(b);
    public static bool operator !=(AttributeValue a, AttributeValue b) => !a.Equals(b);
}
