using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Execution;

namespace MeshSecurity.Core.Tests.Flows;

/// <summary>Reads a transaction's result as a sentence: <c>net.Withdraw(Alice, 1).FailsWith&lt;LockupError.ClaimsLocked&gt;()</c>.</summary>
public static class TxResultAssertions
{
    public static TxResult Succeeds(this TxResult result)
    {
        Assert.True(result.IsSuccess, result.ToString());
        return result;
    }

    /// <summary>The transaction failed with exactly this error (the chain kept none of its effects).</summary>
    public static TError FailsWith<TError>(this TxResult result) where TError : MeshError
    {
        Assert.False(result.IsSuccess, $"expected {typeof(TError).Name}, but {result}");
        Assert.Empty(result.Events);
        return Assert.IsType<TError>(result.Error);
    }
}
