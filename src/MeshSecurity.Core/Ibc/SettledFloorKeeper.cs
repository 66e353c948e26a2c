using System.Collections.Immutable;

namespace MeshSecurity.Core.Ibc;

/// <summary>
/// A chain's settled floors (<see cref="IbcState.SettledFloors"/>) kept from one committed block to the next, for the
/// header its chain builds every block. Rebuilding them walked every channel end and every commitment, and made a
/// dictionary and a "port/channel" string per end, each block (docs/bench.md, figure e, session 22).
/// </summary>
/// <remarks>
/// A floor only moves up: a commitment leaves (acknowledged or timed out), or a send commits at the end's next
/// sequence, which is at or above the floor. So each end's floor moves on from the last one over the sequences no
/// longer committed, each sequence visited once over the run, and the dictionary changes only where a floor moved.
/// Contract: read with the committed state of one chain, in its turn; a state with other stores (a restored snapshot)
/// or a new sending end starts over from <see cref="IbcState.SettledFloors"/>.
/// </remarks>
public sealed class SettledFloorKeeper
{
    private sealed class Floor(string key, ulong value)
    {
        public string Key { get; } = key;
        public ulong Value { get; set; } = value;
    }

    private readonly Dictionary<(string Port, string Channel), Floor> _ends = [];
    private object? _channels;
    private ImmutableSortedDictionary<string, ulong>? _floors;

    /// <summary>The floors of <paramref name="ibc"/>, equal to its <see cref="IbcState.SettledFloors"/>.</summary>
    public ImmutableSortedDictionary<string, ulong>? Of(IbcState ibc)
    {
        if (!ReferenceEquals(_channels, ibc.Channels)) return Rebuild(ibc);
        var sending = 0;
        foreach (var (at, end) in ibc.Channels)
        {
            if (end.NextSequenceSend <= 1) continue;
            sending++;
            if (!_ends.TryGetValue(at, out var floor)) return Rebuild(ibc);
            var f = floor.Value;
            while (f < end.NextSequenceSend && !ibc.Commitments.ContainsKey(new PacketKey(at.Port, at.Channel, f))) f++;
            if (f == floor.Value) continue;
            floor.Value = f;
            _floors = _floors!.SetItem(floor.Key, f);
        }
        return sending == _ends.Count ? _floors : Rebuild(ibc);
    }

    private ImmutableSortedDictionary<string, ulong>? Rebuild(IbcState ibc)
    {
        _channels = ibc.Channels;
        _ends.Clear();
        _floors = ibc.SettledFloors();
        if (_floors is null) return null;
        foreach (var (at, end) in ibc.Channels)
        {
            if (end.NextSequenceSend <= 1) continue;
            var key = IbcState.SettledKey(at.Port, at.Channel);
            _ends[at] = new Floor(key, _floors[key]);
        }
        return _floors;
    }
}
