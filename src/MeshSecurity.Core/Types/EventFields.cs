namespace MeshSecurity.Core.Types;

/// <summary>
/// The typed fields of a module's event (a bank transfer, a delegation): kept as the module emitted them and read as
/// attributes only where asked for (<see cref="Event.AttributeAt"/>), so the event is one object and its fields, not an
/// attribute array besides. A closed family: each subclass knows its keys, in the order Tendermint gives them, and
/// renders each value as the attribute the module made before (the app hash writes the same bytes).
/// </summary>
/// <remarks>docs/decisions/0018-events-as-typed-values.md</remarks>
internal abstract class EventFields
{
    public abstract int Count { get; }

    public abstract EventAttribute At(int index);

    protected static ArgumentOutOfRangeException Beyond(int index, int count) =>
        new(nameof(index), index, $"the event has {count} attributes");
}
