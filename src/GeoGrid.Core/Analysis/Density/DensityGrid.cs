using System.Globalization;
using System.Text;

namespace GeoGrid.Core.Analysis.Density;

/// <summary>A density raster: <see cref="Values"/> row by row from the north-west corner.</summary>
public sealed record DensityGrid(double MinX, double MinY, double CellSize, int Columns, int Rows, double[] Values)
{
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
