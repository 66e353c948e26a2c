using System.Numerics;

namespace MeshSecurity.Scenarios.Model;

/// <summary>How an expectation compares its reading with an earlier one (named by that one's "id"). A closed family.</summary>
public abstract record Comparison
{
    private Comparison(string id) => Id = id;

    /// <summary>The earlier expectation's id.</summary>
    public string Id { get; }

    /// <summary>The reading equals the earlier one plus <paramref name="Delta"/> (negative: it went down).</summary>
    public sealed record ChangedBy(string Id, BigInteger Delta) : Comparison(Id)
    {
        public override string ToString() => $"{Id} {(Delta.Sign < 0 ? "-" : "+")} {BigInteger.Abs(Delta)}";
    }

    /// <summary>The reading equals the earlier one.</summary>
    public sealed record SameAs(string Id) : Comparison(Id)
    {
        public override string ToString() => $"same as {Id}";
    }
}
