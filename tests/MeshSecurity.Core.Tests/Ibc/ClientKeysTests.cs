using System.Collections.Immutable;
using CsCheck;
using MeshSecurity.Core.Ibc;

namespace MeshSecurity.Core.Tests.IbcModule;

/// <summary>
/// A client update merges the header's validator keys into those the client knows (<see cref="IbcState.WithKeys"/>);
/// since session 18 it first walks both maps once to see whether anything is new. The result must be what a look-up
/// per validator gives (the same keys and bytes), and the very map the client had when nothing is new.
/// </summary>
public class ClientKeysTests
{
    private static readonly byte[][] Keys = [[1, 2], [3], [1, 2, 3], []];

    private static readonly string[] Names = ["val-a", "Val-b", "val-c", "VAL-D", "val-e", "x"];

    // validator names that sort differently under an ordinal and a case-blind order, and keys as copies or the same arrays
    private static readonly Gen<(string Validator, byte[] Key)[]> Entries = Gen.Select(
        Gen.Int[0, Names.Length - 1], Gen.Int[0, Keys.Length - 1], Gen.Bool,
        (name, key, copy) => (Names[name], copy ? (byte[])Keys[key].Clone() : Keys[key])).Array[0, 6];

    private static ImmutableSortedDictionary<string, byte[]> Map((string Validator, byte[] Key)[] entries, StringComparer order)
    {
        var map = ImmutableSortedDictionary.CreateBuilder<string, byte[]>(order);
        foreach (var (validator, key) in entries) map[validator] = key;
        return map.ToImmutable();
    }

    [Fact]
    public void Merging_keys_is_a_look_up_per_validator() =>
        Gen.Select(Entries, Entries, Gen.Int[0, 2]).Sample((knownEntries, seenEntries, shape) =>
        {
            var known = Map(knownEntries, shape == 1 ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
            // shape 2: the header carries a subset of what the client knows, the usual case of an unchanged set
            var seen = shape == 2 ? Map([.. knownEntries.Where((_, i) => i % 2 == 0)], StringComparer.Ordinal)
                : Map(seenEntries, StringComparer.Ordinal);
            var expected = known;
            foreach (var (validator, key) in seen)
                if (!known.TryGetValue(validator, out var had) || !had.AsSpan().SequenceEqual(key))
                    expected = expected.SetItem(validator, key);
            var merged = IbcState.WithKeys(known, seen);
            Assert.Equal(ReferenceEquals(expected, known), ReferenceEquals(merged, known));
            Assert.Equal(expected.Keys, merged.Keys);
            foreach (var (validator, key) in expected) Assert.Equal(key, merged[validator]);
        }, iter: 1000);
}
