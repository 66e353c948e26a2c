using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Ibc;

/// <summary>
/// A light client's events: <c>update_client</c> (the client, its consensus height), governance's <c>freeze_client</c>
/// (the client alone) and <c>recover_client</c> (the client, the height it was recovered at).
/// </summary>
internal sealed class ClientFields(string clientId, string? heightKey, ulong height) : EventFields
{
    public const string Freeze = "freeze_client";
    public const string Recover = "recover_client";

    public static Event Update(string clientId, ulong consensusHeight) =>
        new(IbcEvents.UpdateClient, new ClientFields(clientId, "consensus_height", consensusHeight));

    public static Event Frozen(string clientId) => new(Freeze, new ClientFields(clientId, null, 0));

    public static Event Recovered(string clientId, ulong height) => new(Recover, new ClientFields(clientId, "height", height));

    public override int Count => heightKey is null ? 1 : 2;

    public override EventAttribute At(int index) => index switch
    {
        0 => new("client_id", clientId),
        1 when heightKey is not null => new(heightKey, height),
        _ => throw Beyond(index, Count),
    };
}
