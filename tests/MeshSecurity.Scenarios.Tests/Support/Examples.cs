namespace MeshSecurity.Scenarios.Tests.Support;

/// <summary>The example scenarios, copied next to the test assembly from hocon/scenarios/.</summary>
internal static class Examples
{
    public static string PathOf(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "scenarios", name);

    public static string Text(string name) => File.ReadAllText(PathOf(name));
}
