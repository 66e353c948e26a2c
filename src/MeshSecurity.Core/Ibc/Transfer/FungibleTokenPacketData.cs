namespace MeshSecurity.Core.Ibc.Transfer;

/// <summary>ICS-20 packet data: the denom with its trace path, the amount as a string, sender and receiver.</summary>
public sealed record FungibleTokenPacketData(string Denom, string Amount, string Sender, string Receiver);
