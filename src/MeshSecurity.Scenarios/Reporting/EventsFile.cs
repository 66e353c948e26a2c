using System.Text;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Network;

namespace MeshSecurity.Scenarios.Reporting;

/// <summary>
/// events.jsonl, written as the run goes: each flushed slice of the history is appended in canonical order, one line an
/// event (<see cref="ReportWriter.EventLine"/>), and handed to the file system before the clock runs on, so a run
/// stopped between two slices (Ctrl-C, a kill) leaves every event up to its last slice in the file. The file starts
/// empty: a resumed run replays its chains from genesis and writes the whole history again.
/// </summary>
public sealed class EventsFile : IEventSink, IDisposable
{
    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();
    private long _lines;

    public EventsFile(string path)
    {
        Path = path;
        _writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
    }

    public string Path { get; }

    /// <summary>Events written so far.</summary>
    public long Lines => Interlocked.Read(ref _lines);

    public void Write(IReadOnlyList<EmulatorEvent> events)
    {
        lock (_gate)
        {
            foreach (var e in events) _writer.WriteLine(ReportWriter.EventLine(e));
            _writer.Flush();
            Interlocked.Add(ref _lines, events.Count);
        }
    }

    public void Dispose()
    {
        lock (_gate) _writer.Dispose();
    }
}
