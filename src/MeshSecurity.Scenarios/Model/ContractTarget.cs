namespace MeshSecurity.Scenarios.Model;

/// <summary>
/// A contract named in a scenario: by <see cref="Role"/> and the link from <see cref="Provider"/> to <see cref="Consumer"/>
/// (the lockup and meta-staking by their chain alone too, since every link from or into a chain shares them), or by its
/// <see cref="Address"/> on <see cref="Chain"/>, or as the test fixture named <see cref="Fixture"/>. <see cref="Chain"/> is
/// the chain the contract lives on.
/// </summary>
public sealed record ContractTarget(string Chain, ContractRole? Role, string? Provider, string? Consumer, string? Address,
    string? Fixture = null)
{
    public override string ToString() => Role switch
    {
        null when Fixture is not null => $"fixture {Fixture}",
        null => $"{Address} on {Chain}",
        _ when Provider is not null => $"{Provider}->{Consumer} {RoleName(Role.Value)}",
        _ => $"{Chain} {RoleName(Role.Value)}",
    };

    /// <summary>The role as a scenario writes it: lockup, provider, slasher, consumer, meta-staking.</summary>
    public static string RoleName(ContractRole role) =>
        role == ContractRole.MetaStaking ? "meta-staking" : role.ToString().ToLowerInvariant();

    /// <summary>Whether the role's contract lives on the provider chain of its link.</summary>
    public static bool OnProvider(ContractRole role) => role is ContractRole.Lockup or ContractRole.Provider or ContractRole.Slasher;
}
