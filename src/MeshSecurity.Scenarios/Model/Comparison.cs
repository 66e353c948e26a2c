using System.Numerics;

namespace MeshSecurity.Scenarios.Model;

/// <summary>
/// How an expectation compares its reading with an earlier one (named by that one's "id"), or only records it. A closed family.
/// </summary>
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

    /// <summary>
    /// No comparison: an expectation with an id alone records its reading for later ones to compare with (a value that
    /// cannot be computed by hand, such as rewards); it fails only when the value cannot be read. <see cref="Id"/> is its own.
    /// </summary>
    public sealed record Recorded(string Id) : Comparison(Id)
    {
        public override string ToString() => $"(read as {Id})";
    }

    /// <summary>The reading equals the earlier one.</summary>
    public sealed record SameAs(string Id) : Comparison(Id)
    {
        public override string ToString() => $"same as {Id}";
    }
}
