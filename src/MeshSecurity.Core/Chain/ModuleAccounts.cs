using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Chain;

/// <summary>Deterministic addresses of a chain's module accounts (they hold tokens like any account).</summary>
public static class ModuleAccounts
{
    public static Addr BondedPool(string prefix) => Addr.Derive(prefix, "module/bonded_tokens_pool");
    public static Addr NotBondedPool(string prefix) => Addr.Derive(prefix, "module/not_bonded_tokens_pool");
    public static Addr Distribution(string prefix) => Addr.Derive(prefix, "module/distribution");
    public static Addr Gov(string prefix) => Addr.Derive(prefix, "module/gov");
    public static Addr TransferEscrow(string prefix, string channelId) => Addr.Derive(prefix, $"module/transfer/escrow/{channelId}");
}
