using MeshSecurity.Core.Ibc;

namespace MeshSecurity.Core.Relaying;

/// <summary>
/// What a relayer learns of a chain when it starts watching it: the latest header, the address prefix its relayer
/// account is derived with, and the unbonding period its light clients elsewhere trust for two thirds of.
/// </summary>
public sealed record RelayEnd(ClientHeader Header, string AddressPrefix, ulong UnbondingPeriodSeconds);
