namespace MeshSecurity.Scenarios.Model;

/// <summary>The mesh contracts a scenario can name by role: the provider chain's lockup, provider and slasher, the consumer
/// chain's consumer and meta-staking.</summary>
public enum ContractRole
{
    Lockup,
    Provider,
    Slasher,
    Consumer,
    MetaStaking,
}
