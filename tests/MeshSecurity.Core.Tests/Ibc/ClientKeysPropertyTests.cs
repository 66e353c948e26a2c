using System.Collections.Immutable;
using CsCheck;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Tests.IbcModule;

/// <summary>
/// A light client keeps the key of every validator it has seen, the latest one where a key changed, whatever headers it
/// takes: the same set again (the usual update, checked by a walk of both sets side by side), a validator joining or
/// leaving, a key rotated.
/// </summary>
public sealed class ClientKeysPropertyTests
{
    // per header: each of six validators absent (0) or bonded with key variant 1 or 2
    private static readonly Gen<int[][]> Headers = Gen.Int[0, 2].Array[6].Array[1, 12];

    [Fact]
    public void A_client_knows_the_latest_key_of_every_validator_it_has_seen()
    {
        var sameSetAgain = 0;
        Headers.SampleSeeded(headers =>
        {
            var model = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
            ImmutableSortedDictionary<string, byte[]>? last = null;
            var ibc = IbcState.Empty;
            var clientId = "";
            for (var h = 0; h < headers.Length; h++)
            {
                var keys = ImmutableSortedDictionary.CreateBuilder<string, byte[]>(StringComparer.Ordinal);
                for (var v = 0; v < 6; v++)
                    if (headers[h][v] > 0) keys[$"valoper{v}"] = [(byte)v, (byte)headers[h][v]];
                // a chain hands the same map on while its set does not change (ChainGenesis.HeaderOf)
                var set = last is not null && last.SequenceEqual(keys, KeyEquality.Instance) ? last : keys.ToImmutable();
                if (ReferenceEquals(set, last)) sameSetAgain++;
                last = set;
                var header = new ClientHeader("other-1", (ulong)h + 1, Timestamp.FromSeconds(100 + (ulong)h), set);
                if (h == 0) (ibc, clientId) = ibc.CreateClient(header, trustingPeriodSeconds: 1_000_000);
                else ibc = ibc.UpdateClient(clientId, header, header.Time);
                foreach (var (validator, key) in set) model[validator] = key;
                var known = ibc.Clients[clientId].ValidatorKeys;
                Assert.Equal(model.Keys, known.Keys);
                foreach (var (validator, key) in model) Assert.Equal(key, known[validator]);
            }
        }, iter: 200, print: hs => string.Join(" ", hs.Select(h => string.Concat(h))));
        Assert.True(sameSetAgain > 0, "some header repeats its chain's set");
    }

    private sealed class KeyEquality : IEqualityComparer<KeyValuePair<string, byte[]>>
    {
        public static readonly KeyEquality Instance = new();

        public bool Equals(KeyValuePair<string, byte[]> a, KeyValuePair<string, byte[]> b) =>
            a.Key == b.Key && a.Value.AsSpan().SequenceEqual(b.Value);

        public int GetHashCode(KeyValuePair<string, byte[]> kv) => kv.Key.GetHashCode(StringComparison.Ordinal);
    }
}
