using System.Collections;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Emulator.Persistence;

/// <summary>
/// A transaction's messages as JSON, written only when read: the SQL journal serializes them on its own thread, the
/// in-memory journal never does, so a chain does not pay for JSON it will not store (it was a tenth of a busy block).
/// </summary>
internal sealed class MessageJsonList(IReadOnlyList<CosmosMsg> msgs) : IReadOnlyList<string>
{
    private readonly Lazy<string[]> _json = new(() => [.. msgs.Select(JournalSerializer.MessageJson)], LazyThreadSafetyMode.ExecutionAndPublication);

    public int Count => msgs.Count;

    public string this[int index] => _json.Value[index];

    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_json.Value).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
