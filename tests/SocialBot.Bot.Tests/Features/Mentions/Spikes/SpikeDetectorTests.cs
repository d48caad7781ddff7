using SocialBot.Bot.Features.Mentions.Spikes;

namespace SocialBot.Bot.Tests.Features.Mentions.Spikes;

public sealed class SpikeDetectorTests
{
    private const int Minimum = 10;

    [Fact]
    public void FlatSeries_NeverFires()
    {
        var flat = Enumerable.Repeat(12L, SpikeDetector.BaselineHours).ToList();
        var baseline = SpikeDetector.Baseline(flat, 3, Minimum);

        Assert.False(SpikeDetector.IsSpike(12, baseline, Minimum));
        Assert.False(SpikeDetector.IsSpike(13, baseline, Minimum));
    }

    [Fact]
    public void FiveTimesTheUsualHour_Fires()
    {
        var random = new Random(3);
        var noisy = Enumerable.Range(0, SpikeDetector.BaselineHours).Select(_ => (long)random.Next(8, 13)).ToList();
        var baseline = SpikeDetector.Baseline(noisy, 3, Minimum);

        Assert.True(SpikeDetector.IsSpike(50, baseline, Minimum));
        Assert.False(SpikeDetector.IsSpike(14, baseline, Minimum));
    }

    [Fact]
    public void BelowTheMinimumVolume_NeverFires_EvenFromNothing()
    {
        var silent = new long[SpikeDetector.BaselineHours];
        var baseline = SpikeDetector.Baseline(silent, 3, Minimum);

        Assert.False(SpikeDetector.IsSpike(9, baseline, Minimum));
        Assert.True(SpikeDetector.IsSpike(10, baseline, Minimum));
    }

    [Fact]
    public void ZeroDeviation_NeedsMoreThanDoubleTheUsual()
    {
        var flat = Enumerable.Repeat(20L, SpikeDetector.BaselineHours).ToList();
        var baseline = SpikeDetector.Baseline(flat, 3, Minimum);

        Assert.Equal(0, baseline.StandardDeviation);
        Assert.False(SpikeDetector.IsSpike(40, baseline, Minimum));
        Assert.True(SpikeDetector.IsSpike(41, baseline, Minimum));
    }

    [Fact]
    public void Sensitivity_RaisesTheThreshold()
    {
        var random = new Random(5);
        var noisy = Enumerable.Range(0, SpikeDetector.BaselineHours).Select(_ => (long)random.Next(0, 40)).ToList();

        Assert.True(SpikeDetector.Baseline(noisy, 5, Minimum).Threshold > SpikeDetector.Baseline(noisy, 3, Minimum).Threshold);
    }
}
