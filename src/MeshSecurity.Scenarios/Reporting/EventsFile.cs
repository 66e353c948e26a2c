using System.Text;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Network;

namespace MeshSecurity.Scenarios.Reporting;

/// <summary>
/// events.jsonl, written as the run goes: each flushed slice of the history is appended in canonical order, one line an
/// event (<see cref="EventLines"/>), and handed to the file system before the clock runs on, so a run stopped between two
/// slices (Ctrl-C, a kill) leaves every event up to its last slice in the file. The set-up's events are held until the
/// network is ready (<see cref="Ready"/>), as their times count from then; a run stopped before that writes them when
/// it ends, with their times since the epoch alone. The file starts empty (a run resumed from genesis writes the whole
/// history again), or, for a run resumed from a checkpoint, cut back to the lines written up to the checkpoint.
/// </summary>
public sealed class EventsFile : IEventSink, IDisposable
{
    /// <summary>With <see cref="EventsDetail.Summary"/>, the heights whose block is written even when empty.</summary>
    public const ulong CheckpointEvery = 100;

    private readonly StreamWriter _writer;
    private readonly EventsDetail _detail;
    private readonly Lock _gate = new();
    private readonly List<EmulatorEvent> _held = [];
    private EventLines? _lines;
    private long _written;

    public EventsFile(string path, EventsDetail detail = EventsDetail.Summary)
    {
        Path = path;
        _detail = detail;
        _writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
    }

    /// <summary>
    /// The file of a run resumed from a checkpoint: its first <paramref name="lines"/> lines, <paramref name="bytes"/> bytes,
    /// kept.
    /// </summary>
    public EventsFile(string path, EventsDetail detail, long bytes, long lines)
    {
        Path = path;
        _detail = detail;
        var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.SetLength(bytes);
        file.Seek(0, SeekOrigin.End);
        _writer = new StreamWriter(file, new UTF8Encoding(false));
        _written = lines;
    }

    /// <summary>Bytes handed to the file system so far (each slice is flushed as it is written).</summary>
    public long Bytes
    {
        get
        {
            lock (_gate) return _writer.BaseStream.Position;
        }
    }

    public string Path { get; }

    /// <summary>Lines written so far.</summary>
    public long Lines => Interlocked.Read(ref _written);

    /// <summary>The network is ready: the held set-up events are written, with their times from now on.</summary>
    public void Ready(EventLines lines)
    {
        lock (_gate)
        {
            _lines = lines;
            Append(_held);
            _held.Clear();
        }
    }

    public void Write(IReadOnlyList<EmulatorEvent> events)
    {
        lock (_gate)
        {
            var kept = Kept(events, _detail);
            if (_lines is null) _held.AddRange(kept);
            else Append(kept);
        }
    }

    /// <summary>
    /// The events of a batch (whole blocks, in canonical order: a block's line comes first, then its events) that the file
    /// holds at <paramref name="detail"/>.
    /// </summary>
    public static IEnumerable<EmulatorEvent> Kept(IReadOnlyList<EmulatorEvent> events, EventsDetail detail)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (detail == EventsDetail.All || events[i] is not EmulatorEvent.BlockCommitted b || b.TxCount > 0
                || b.Height % CheckpointEvery == 0
                || (i + 1 < events.Count && events[i + 1] is { } next && next is not EmulatorEvent.BlockCommitted
                    && next.ChainId == b.ChainId && next.Height == b.Height && next.Time == b.Time))
                yield return events[i];
        }
    }

    private void Append(IEnumerable<EmulatorEvent> events)
    {
        var lines = _lines ?? new EventLines(null, new Dictionary<string, string>());
        var count = 0;
        foreach (var e in events)
        {
            _writer.WriteLine(lines.Line(e));
            count++;
        }
        _writer.Flush();
        Interlocked.Add(ref _written, count);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_held.Count > 0) Append(_held);
            _held.Clear();
            _writer.Dispose();
        }
    }
}
