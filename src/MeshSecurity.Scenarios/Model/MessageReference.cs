using System.Text.RegularExpressions;

namespace MeshSecurity.Scenarios.Model;

/// <summary>
/// A string of a JSON message that stands for an address, resolved when the message is sent:
/// "@alice" or "@osmosis/alice" (a declared account or validator: of the contract's chain, or of the chain named),
/// "@validator:ghost" or "@juno/account:ghost" (the address a validator or account of that name has or would have),
/// "@lockup", "@provider", "@slasher", "@consumer", "@meta-staking" (that contract of the target's link),
/// "@fixture:holder" (the contract of a test fixture).
/// "@@..." is the literal text "@...".
/// </summary>
public sealed partial record MessageReference(string? Chain, MessageReference.Of Kind, string Name)
{
    public enum Of
    {
        /// <summary>A declared account or validator, whichever has the name.</summary>
        Member,
        Account,
        Validator,
        /// <summary>A contract by role (<see cref="Name"/> is the role as written).</summary>
        Contract,
        /// <summary>A test fixture's contract, by the fixture's name.</summary>
        Fixture,
    }

    public static readonly IReadOnlyDictionary<string, ContractRole> Roles = new Dictionary<string, ContractRole>(StringComparer.Ordinal)
    {
        ["lockup"] = ContractRole.Lockup,
        ["provider"] = ContractRole.Provider,
        ["slasher"] = ContractRole.Slasher,
        ["consumer"] = ContractRole.Consumer,
        ["meta-staking"] = ContractRole.MetaStaking,
    };

    [GeneratedRegex("^(?:([A-Za-z0-9][A-Za-z0-9._-]{0,63})/)?(?:(account|validator|fixture):)?([A-Za-z0-9][A-Za-z0-9._-]{0,63})$")]
    private static partial Regex Pattern();

    /// <summary>Whether <paramref name="text"/> is a reference: it starts with one "@" ("@@" is a literal "@").</summary>
    public static bool IsReference(string text) => text.StartsWith('@') && !text.StartsWith("@@", StringComparison.Ordinal);

    public static MessageReference? Parse(string text, out string error)
    {
        error = "";
        var m = Pattern().Match(text[1..]);
        if (!m.Success)
        {
            error = $"\"{text}\" is not a reference: expected \"@name\", \"@chain/name\", \"@validator:name\", \"@account:name\", " +
                    "a contract role (\"@provider\") or \"@fixture:name\"; write \"@@\" for a literal \"@\"";
            return null;
        }
        var chain = m.Groups[1].Success ? m.Groups[1].Value : null;
        var name = m.Groups[3].Value;
        if (m.Groups[2].Success)
        {
            var kind = m.Groups[2].Value switch { "account" => Of.Account, "fixture" => Of.Fixture, _ => Of.Validator };
            return new MessageReference(chain, kind, name);
        }
        return chain is null && Roles.ContainsKey(name)
            ? new MessageReference(null, Of.Contract, name)
            : new MessageReference(chain, Of.Member, name);
    }
}
