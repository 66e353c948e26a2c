using System.Text;
using Akka.Actor;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Network;
using MeshSecurity.Emulator.Wire;

namespace MeshSecurity.Scenarios.Running;

/// <summary>
/// OUT/tally.jsonl: every published event but the block lines, one a line as "manifest TAB wire JSON", so a run resumed
/// from a checkpoint rebuilds its <see cref="RunTally"/> by feeding it what it was fed up to the cut (the tally reads no
/// block line). Appended and handed to the file system slice by slice, like events.jsonl.
/// </summary>
internal sealed class TallyLog : IEventSink, IDisposable
{
    private readonly MeshWireSerializer _wire;
    private readonly FileStream _file;
    private readonly Lock _gate = new();

    /// <summary>Opens the log of <paramref name="dir"/>: new and empty, or cut back to <paramref name="keep"/> bytes.</summary>
    public TallyLog(ActorSystem system, string dir, long? keep = null)
    {
        _wire = new MeshWireSerializer((ExtendedActorSystem)system);
        _file = new FileStream(Path.Combine(dir, FileName), keep is null ? FileMode.Create : FileMode.Open, FileAccess.ReadWrite);
        if (keep is { } bytes)
        {
            _file.SetLength(bytes);
            _file.Seek(0, SeekOrigin.End);
        }
    }

    public const string FileName = "tally.jsonl";

    /// <summary>Bytes written so far.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate) return _file.Length;
        }
    }

    public void Write(IReadOnlyList<EmulatorEvent> events)
    {
        lock (_gate)
        {
            foreach (var e in events)
            {
                if (e is EmulatorEvent.BlockCommitted) continue;
                _file.Write(Encoding.UTF8.GetBytes(_wire.Manifest(e) + "\t"));
                _file.Write(_wire.ToBinary(e));
                _file.WriteByte((byte)'\n');
            }
            _file.Flush();
        }
    }

    /// <summary>The events of the first <paramref name="bytes"/> bytes of the log, in the order they were published.</summary>
    public IReadOnlyList<EmulatorEvent> Read(long bytes)
    {
        var events = new List<EmulatorEvent>();
        lock (_gate)
        {
            _file.Seek(0, SeekOrigin.Begin);
            var buffer = new byte[bytes];
            _file.ReadExactly(buffer);
            _file.Seek(0, SeekOrigin.End);
            var text = buffer.AsSpan();
            while (text.Length > 0)
            {
                var end = text.IndexOf((byte)'\n');
                var line = text[..end];
                var tab = line.IndexOf((byte)'\t');
                var manifest = Encoding.UTF8.GetString(line[..tab]);
                events.Add((EmulatorEvent)_wire.FromBinary(line[(tab + 1)..].ToArray(), manifest));
                text = text[(end + 1)..];
            }
        }
        return events;
    }

    public void Dispose()
    {
        lock (_gate) _file.Dispose();
    }
}
