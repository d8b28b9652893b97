/* mkjpeg OUT W H [PROGRESSIVE]: a test JPEG made with libjpeg (python has
 * no JPEG encoder).  Small images get a gradient; big ones one flat grey,
 * so that a 6300 x 6300 image is a small file, as a decompression bomb is. */
#include <stdio.h>
#include <stdlib.h>
#include <jpeglib.h>

int main(int argc, char **argv)
{
	if (argc < 4)
		return 2;
	int w = atoi(argv[2]), h = atoi(argv[3]), prog = argc > 4 && atoi(argv[4]);
	FILE *f = fopen(argv[1], "wb");
	unsigned char *row = malloc((size_t)w * 3);
	if (!f || !row || w < 1 || h < 1)
		return 1;
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr e;
	c.err = jpeg_std_error(&e);
	jpeg_create_compress(&c);
	jpeg_stdio_dest(&c, f);
	c.image_width = (JDIMENSION)w;
	c.image_height = (JDIMENSION)h;
	c.input_components = 3;
	c.in_color_space = JCS_RGB;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 85, TRUE);
	if (prog)
		jpeg_simple_progression(&c);
	jpeg_start_compress(&c, TRUE);
	for (int y = 0; y < h; y++) {
		for (int x = 0; x < w * 3; x++)
			row[x] = w > 1000 ? 0x80 : (unsigned char)((x / 3 + y) * 255 / (w + h));
		JSAMPROW r = row;
		jpeg_write_scanlines(&c, &r, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	free(row);
	return fclose(f) != 0;
}
