using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MeshSecurity.Core.Errors;

namespace MeshSecurity.Core.Types;

/// <summary>
/// An account or contract address on one chain, "&lt;prefix&gt;1&lt;lowercase alphanumerics&gt;" (bech32-shaped).
/// Compared ordinally, so every sorted collection of addresses iterates the same way on every machine.
/// </summary>
[JsonConverter(typeof(AddrJsonConverter))]
public readonly record struct Addr(string Value) : IComparable<Addr>
{
    public int CompareTo(Addr other) => string.CompareOrdinal(Value, other.Value);

    public override string ToString() => Value ?? "";

    /// <summary>The human-readable part: everything before the last '1' (bech32's separator; its data part has no '1').</summary>
    public string Prefix => Value.LastIndexOf('1') is var i and > 0 ? Value[..i] : "";

    /// <summary>Checks the address belongs to a chain with the given prefix (cosmwasm's addr_validate).</summary>
    public static Addr Validate(string? input, string prefix)
    {
        if (string.IsNullOrEmpty(input)) throw new StdError.InvalidAddress("", "empty").Raise();
        if (!input.StartsWith(prefix + "1", StringComparison.Ordinal))
            throw new StdError.InvalidAddress(input, $"expected prefix '{prefix}1'").Raise();
        var data = input.AsSpan(prefix.Length + 1);
        if (data.Length < 6 || data.Length > 90)
            throw new StdError.InvalidAddress(input, "data part must be 6 to 90 characters").Raise();
        foreach (var c in data)
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9')))
                throw new StdError.InvalidAddress(input, "only lowercase letters and digits are allowed").Raise();
        return new Addr(input);
    }

    /// <summary>
    /// A deterministic address for a name on a chain: bech32 of the first 20 bytes of SHA-256(name), with its checksum,
    /// so it looks and validates like a Cosmos address (and its data part never contains a '1').
    /// </summary>
    public static Addr Derive(string prefix, string name) => Derived.GetOrAdd((prefix, name), static k =>
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(k.Name));
        return new Addr(Bech32.Encode(k.Prefix, hash.AsSpan(0, 20)));
    });

    // a pure function asked for the same module and contract addresses on every transaction: hashing and bech32
    // encoding showed up in profiles; the set of derived names is small (modules, contracts, named accounts)
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Prefix, string Name), Addr> Derived = new();
}

internal sealed class AddrJsonConverter : JsonConverter<Addr>
{
    public override Addr Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString() ?? throw new JsonException("expected an address string"));

    public override void Write(Utf8JsonWriter writer, Addr value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
