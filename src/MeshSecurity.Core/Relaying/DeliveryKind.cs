namespace MeshSecurity.Core.Relaying;

/// <summary>What a relayer owes: receive a packet, bring back its acknowledgement, time it out, or confirm a close.</summary>
public enum DeliveryKind
{
    Recv,
    Ack,
    Timeout,
    CloseConfirm,
}
