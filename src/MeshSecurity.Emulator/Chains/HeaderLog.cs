using MeshSecurity.Emulator.Persistence;

namespace MeshSecurity.Emulator.Chains;

/// <summary>
/// A chain's headers by height, contiguous from the oldest kept to the latest: appended one per block and dropped from
/// the oldest (ChainActor.Block.cs, ForgetExpiredHeaders), so a list indexed by height suffices. A sorted dictionary
/// cost a resume from a checkpoint most of its time: 100 chains' 3,580 headers each, inserted one by one
/// (docs/decisions/0009-a-run-resumes-from-its-checkpoint.md, "Cost").
/// </summary>
internal sealed class HeaderLog
{
    private List<HeaderRecord> _items = [];

    /// <summary>How many dropped headers still sit at the front of <see cref="_items"/> (removed in bulk, not one by one).</summary>
    private int _head;

    public int Count => _items.Count - _head;

    /// <summary>Contract: <see cref="Count"/> &gt; 0.</summary>
    public HeaderRecord Oldest => _items[_head];

    /// <summary>
    /// The header of <paramref name="header"/>'s height: the next height is appended, a height kept is replaced.
    /// Contract: the log is empty or the height is at most one past the latest (heights never skip).
    /// </summary>
    public void Set(HeaderRecord header)
    {
        if (Count == 0 || header.Height == _items[^1].Height + 1)
        {
            _items.Add(header);
            return;
        }
        if (header.Height < Oldest.Height || header.Height > _items[^1].Height)
            throw new InvalidOperationException(
                $"header {header.Height} is not next to the headers kept ({Oldest.Height}..{_items[^1].Height})");
        _items[_head + (int)(header.Height - Oldest.Height)] = header;
    }

    public bool TryGet(ulong height, out HeaderRecord header)
    {
        header = null!;
        if (Count == 0 || height < Oldest.Height || height > _items[^1].Height) return false;
        header = _items[_head + (int)(height - Oldest.Height)];
        return true;
    }

    public void RemoveOldest()
    {
        _head++;
        if (_head == _items.Count) (_items, _head) = ([], 0);
        // the dropped front is cut off once it is the larger half: each header is moved at most a few times
        else if (_head > 64 && _head * 2 > _items.Count)
        {
            _items.RemoveRange(0, _head);
            _head = 0;
        }
    }

    /// <summary>Takes <paramref name="headers"/> (a snapshot's, in height order, contiguous) as the whole log.</summary>
    public void Reset(IReadOnlyList<HeaderRecord> headers)
    {
        for (var i = 1; i < headers.Count; i++)
            if (headers[i].Height != headers[i - 1].Height + 1)
                throw new InvalidOperationException(
                    $"a snapshot's headers skip from height {headers[i - 1].Height} to {headers[i].Height}");
        (_items, _head) = ([.. headers], 0);
    }

    /// <summary>The headers kept, oldest first (a copy).</summary>
    public IReadOnlyList<HeaderRecord> ToList() => _items.GetRange(_head, Count);
}
