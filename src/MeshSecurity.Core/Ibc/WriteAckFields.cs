using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Ibc;

/// <summary>
/// What <c>write_acknowledgement</c> adds after its packet's attributes: the acknowledgement's bytes (as hex; the array
/// is kept, not copied) and whether it is a success.
/// </summary>
internal sealed class WriteAckFields(byte[] ack, bool success) : EventFields
{
    public override int Count => 2;

    public override EventAttribute At(int index) => index switch
    {
        0 => new(IbcEvents.AckHex, AttributeValue.Hex(ack)),
        1 => new(IbcEvents.AckSuccess, success),
        _ => throw Beyond(index, Count),
    };
}
