using MeshSecurity.Core.Math;

namespace MeshSecurity.Core.Apis;

/// <summary>
/// A slash of a consumer-chain validator by its own chain, as the validator-set update carries it (production's
/// ValidatorSlashInfo, without the amount: the chain slashes its own stake, not the provider's).
/// </summary>
public sealed record ValsetSlash(string Validator, ulong InfractionHeight, Dec Fraction);
