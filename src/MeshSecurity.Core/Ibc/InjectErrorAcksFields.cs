using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Ibc;

/// <summary>Governance's <c>inject_error_acks</c> event: the endpoint and kind (<see cref="IbcState.ErrorAckKey"/>), on or off.</summary>
internal sealed class InjectErrorAcksFields(string endpoint, bool on) : EventFields
{
    public const string Type = "inject_error_acks";
    
    public static Event Event(string endpoint, bool on) => new(Type, new InjectErrorAcksFields(endpoint, on));

    public override int Count => 2;

    public override EventAttribute At(int index) => index switch
    {
        0 => new("endpoint", endpoint),
        1 => new("on", on),
        _ => throw Beyond(index, Count),
    };
}
