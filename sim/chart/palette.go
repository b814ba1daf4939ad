package chart

import (
	"fmt"
	"image/color"
)

// optionColours is the Okabe-Ito colour-blind-safe palette in the order
// options take it: the baseline black, then blue, vermillion, bluish
// green, reddish purple, orange and sky blue. Yellow is left out: it is
// too pale on white.
var optionColours = []color.RGBA{
	{0x00, 0x00, 0x00, 0xff},
	{0x00, 0x72, 0xb2, 0xff},
	{0xd5, 0x5e, 0x00, 0xff},
	{0x00, 0x9e, 0x73, 0xff},
	{0xcc, 0x79, 0xa7, 0xff},
	{0xe6, 0x9f, 0x00, 0xff},
	{0x56, 0xb4, 0xe9, 0xff},
}

// OptionColour is the one colour of option i (0 the baseline) in every
// chart, legend and table. Beyond the palette the colours repeat, so a
// chart never tells options apart by colour alone.
func OptionColour(i int) color.RGBA {
	return optionColours[i%len(optionColours)]
}

// OptionHex is OptionColour as a CSS colour, e.g. "#0072b2".
func OptionHex(i int) string {
	c := OptionColour(i)
	return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B)
}
