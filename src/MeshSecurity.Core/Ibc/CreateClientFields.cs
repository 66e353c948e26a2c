using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Ibc;

/// <summary>The IBC module's <c>create_client</c> event: the client's id and its counterparty's chain id.</summary>
internal sealed class CreateClientFields(string clientId, string counterpartyChainId) : EventFields
{
    public static Event Event(string clientId, string counterpartyChainId) =>
        new(IbcEvents.CreateClient, new CreateClientFields(clientId, counterpartyChainId));

    public override int Count => 2;

    public override EventAttribute At(int index) => index switch
    {
        0 => new("client_id", clientId),
        1 => new("counterparty_chain_id", counterpartyChainId),
        _ => throw Beyond(index, Count),
    };
}
