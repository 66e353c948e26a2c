using System.CommandLine;
using System.Globalization;
using MeshSecurity.Scenarios.Generation;

namespace MeshSecurity.Cli.Commands;

/// <summary>meshsec gen: writes a larger scenario for a topology, deterministic in its arguments.</summary>
public static class GenCommand
{
    public static Command Create()
    {
        var topology = new Option<string>("--topology")
        {
            Description = "ring, star, full-mesh, random or pairs (chain 2i secures 2i+1).", DefaultValueFactory = _ => "ring",
        };
        var chains = new Option<int>("--chains") { Description = $"How many chains (2 to {Generator.MaxChains}).", DefaultValueFactory = _ => 5 };
        var seed = SeedOption.Create("Seed of the generator and of the scenario.", "mesh");
        var density = new Option<double>("--density") { Description = "For random: the probability of each possible link, 0 to 1.", DefaultValueFactory = _ => 0.5 };
        var doubleSigns = new Option<int>("--double-signs") { Description = "How many validators of distinct consumer chains " +
            "double-sign together at 30m (a slash storm).", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "The file to write (default: standard output)." };
        var command = new Command("gen",
            "Writes a scenario for a topology (ring, star, full-mesh, random with a density, pairs) over N chains, from a seed.\n\n" +
            "Examples:\n  " +
            "meshsec gen --topology ring --chains 10 --seed 1 --out ring10.conf\n  meshsec gen --topology random --chains 20 --density " +
            "0.3 --seed 1 --out big.conf\n  meshsec gen --topology pairs --chains 200 --double-signs 10 --seed 1 --out storm.conf" +
            ExitCodes.Help)
        {
            topology, chains, seed, density, doubleSigns, output,
        };
        command.SetAction(parse =>
        {
            if (!Generator.TryParseTopology(parse.GetValue(topology)!, out var t))
            {
                Console.Error.WriteLine(
                    $"meshsec gen: --topology must be ring, star, full-mesh, random or pairs, got '{parse.GetValue(topology)}'");
                return ExitCodes.BadInput;
            }
            var (n, d, k) = (parse.GetValue(chains), parse.GetValue(density), parse.GetValue(doubleSigns));
            // each flag its own line, naming the flag and the value given
            var wrong = new List<string>();
            if (n < 2 || n > Generator.MaxChains) wrong.Add($"--chains must be 2 to {Generator.MaxChains}, got {n}");
            if (d is < 0 or > 1 || double.IsNaN(d)) wrong.Add($"--density must be 0 to 1, got {d.ToString(CultureInfo.InvariantCulture)}");
            if (k < 1) wrong.Add($"--double-signs must be 1 or more, got {k}");
            foreach (var w in wrong) Console.Error.WriteLine($"meshsec gen: {w}");
            if (wrong.Count > 0) return ExitCodes.BadInput;
            string text;
            try
            {
                text = Generator.Generate(new GeneratorOptions(t, n, parse.GetValue(seed)!, d, k));
            }
            catch (ArgumentException ex)
            {
                // the generator names its option ("double-signs must be at most ..."): the flag, without .NET's "(Parameter ...)"
                var message = ex.ParamName is { } name
                    ? ex.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)
                    : ex.Message;
                Console.Error.WriteLine($"meshsec gen: --{message}");
                return ExitCodes.BadInput;
            }
            var path = parse.GetValue(output);
            if (path is null)
            {
                Console.Write(text);
                return ExitCodes.Ok;
            }
            try
            {
                if (Directory.Exists(path)) throw new IOException($"{path} is a folder; --out takes a file name, e.g. " +
                    $"{Path.Combine(path, "gen.conf")}");
                // a file gen wrote before is generated again; anything else may be the user's own work
                if (File.Exists(path) && !WrittenByGen(path))
                    throw new IOException($"{path} exists and was not written by meshsec gen: not overwritten (remove it, or give " +
                        "another --out)");
                File.WriteAllText(path, text);
                // one line, so a user (or a script's log) sees where the scenario went and what to do with it
                Console.WriteLine($"meshsec gen: wrote {path} ({parse.GetValue(topology)}, {n} chains); run it with: meshsec run {path}");
                return ExitCodes.Ok;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                var why = ex is UnauthorizedAccessException ? $"{path} cannot be written: permission denied"
                    : ex.Message.ReplaceLineEndings(" ");
                Console.Error.WriteLine($"meshsec gen: {why}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }

    private static bool WrittenByGen(string path)
    {
        using var reader = new StreamReader(path);
        return reader.ReadLine()?.StartsWith(Generator.Header, StringComparison.Ordinal) == true;
    }
}
