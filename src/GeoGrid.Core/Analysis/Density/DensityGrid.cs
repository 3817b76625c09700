using System.Globalization;
using System.Text;

namespace GeoGrid.Core.Analysis.Density;

/// <summary>A density raster: <see cref="Values"/> row by row from the north-west corner.</summary>
public sealed record DensityGrid(double MinX, double MinY, double CellSize, int Columns, int Rows, double[] Values)
{
    /// <summary>The value at (x, y), interpolated bilinearly between cell centres; 0 outside the grid.</summary>
    public double Sample(double x, double y)
    {
        var fx = ((x - MinX) / CellSize) - 0.5;
        var fy = ((MinY + (Rows * CellSize) - y) / CellSize) - 0.5;
        if (fx < -0.5 || fy < -0.5 || fx > Columns - 0.5 || fy > Rows - 0.5)
        {
            return 0;
        }

        var c = Math.Clamp((int)Math.Floor(fx), 0, Math.Max(0, Columns - 2));
        var r = Math.Clamp((int)Math.Floor(fy), 0, Math.Max(0, Rows - 2));
        var tx = Math.Clamp(fx - c, 0, 1);
        var ty = Math.Clamp(fy - r, 0, 1);
        double V(int row, int column) => Values[(Math.Min(row, Rows - 1) * Columns) + Math.Min(column, Columns - 1)];
        var top = V(r, c) + ((V(r, c + 1) - V(r, c)) * tx);
        var bottom = V(r + 1, c) + ((V(r + 1, c + 1) - V(r + 1, c)) * tx);
        return top + ((bottom - top) * ty);
    }

    /// <summary>As an Esri ASCII grid (GDAL's AAIGrid), the simplest raster every GIS reads.</summary>
    public void WriteAscii(TextWriter writer)
    {
        var inv = CultureInfo.InvariantCulture;
        writer.Write(string.Create(inv, $"ncols {Columns}\nnrows {Rows}\nxllcorner {MinX:R}\nyllcorner {MinY:R}\ncellsize {CellSize:R}\nNODATA_value -9999\n"));
        var line = new StringBuilder();
        for (var r = 0; r < Rows; r++)
        {
            line.Clear();
            for (var c = 0; c < Columns; c++)
            {
                line.Append(c == 0 ? "" : " ").Append(Values[(r * Columns) + c].ToString("0.######", inv));
            }

            writer.Write(line.Append('\n'));
        }
    }
}
