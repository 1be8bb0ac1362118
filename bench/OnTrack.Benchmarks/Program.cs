using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(OnTrack.Benchmarks.SlotSearchBenchmarks).Assembly).Run(args);
