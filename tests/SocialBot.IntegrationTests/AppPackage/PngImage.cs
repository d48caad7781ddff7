using System.Buffers.Binary;
using System.IO.Compression;

namespace SocialBot.IntegrationTests.AppPackage;

/// <summary>Minimal PNG reader for 8-bit RGB/RGBA non-interlaced images: enough to check the app icons.</summary>
internal sealed record PngImage(int Width, int Height, byte ColorType, byte[] Pixels)
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public int Channels => ColorType == 6 ? 4 : 3;

    public bool HasAlpha => ColorType == 6;

    public (byte R, byte G, byte B, byte A) this[int x, int y]
    {
        get
        {
            var i = ((y * Width) + x) * Channels;
            return (Pixels[i], Pixels[i + 1], Pixels[i + 2], HasAlpha ? Pixels[i + 3] : (byte)255);
        }
    }

    public static PngImage Read(byte[] file)
    {
        Assert.True(file.AsSpan(0, 8).SequenceEqual(Signature), "not a PNG file");
        int width = 0, height = 0;
        byte bitDepth = 0, colorType = 0, interlace = 0;
        using var compressed = new MemoryStream();
        for (var offset = 8; offset < file.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(offset));
            var kind = System.Text.Encoding.ASCII.GetString(file, offset + 4, 4);
            var data = file.AsSpan(offset + 8, length);
            if (kind == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                (bitDepth, colorType, interlace) = (data[8], data[9], data[12]);
            }
            else if (kind == "IDAT")
            {
                compressed.Write(data);
            }

            offset += 12 + length;
        }

        Assert.Equal(8, bitDepth);
        Assert.Contains(colorType, new byte[] { 2, 6 });
        Assert.Equal(0, interlace);
        compressed.Position = 0;
        using var inflater = new ZLibStream(compressed, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflater.CopyTo(raw);
        var image = new PngImage(width, height, colorType, new byte[width * height * (colorType == 6 ? 4 : 3)]);
        image.Unfilter(raw.ToArray());
        return image;
    }

    private void Unfilter(byte[] raw)
    {
        var stride = Width * Channels;
        Assert.Equal(Height * (stride + 1), raw.Length);
        for (var y = 0; y < Height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                int a = x >= Channels ? Pixels[(y * stride) + x - Channels] : 0;
                int b = y > 0 ? Pixels[((y - 1) * stride) + x] : 0;
                int c = x >= Channels && y > 0 ? Pixels[((y - 1) * stride) + x - Channels] : 0;
                int value = raw[(y * (stride + 1)) + 1 + x];
                var predicted = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"Unknown PNG filter {filter}."),
                };
                Pixels[(y * stride) + x] = (byte)(value + predicted);
            }
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
