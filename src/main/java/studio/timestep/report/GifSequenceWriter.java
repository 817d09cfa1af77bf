package studio.timestep.report;

import java.awt.image.RenderedImage;
import java.io.IOException;
import java.io.OutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Writes an animated GIF with the JDK's GIF writer: each frame gets a Graphics Control
 * Extension with its delay, the first a NETSCAPE2.0 application extension that loops forever.
 */
public final class GifSequenceWriter implements AutoCloseable {
    private final ImageWriter writer;
    private final ImageOutputStream out;
    private final int delayCentiseconds;
    private final boolean loop;
    private boolean first = true;

    /** Writes onto {@code stream}, which stays open after {@link #close}. */
    public GifSequenceWriter(OutputStream stream, int delayMillis, boolean loop) throws IOException {
        this.writer = ImageIO.getImageWritersBySuffix("gif").next();
        this.out = new MemoryCacheImageOutputStream(stream);
        this.delayCentiseconds = Math.max(1, Math.round(delayMillis / 10f));
        this.loop = loop;
        writer.setOutput(out);
        writer.prepareWriteSequence(null);
    }

    public void add(RenderedImage image) throws IOException {
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
        String format = metadata.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(delayCentiseconds));
        control.setAttribute("transparentColorIndex", "0");
        if (first && loop) {
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, 0, 0});
            child(root, "ApplicationExtensions").appendChild(app);
        }
        metadata.setFromTree(format, root);
        writer.writeToSequence(new IIOImage(image, null, metadata), param);
        first = false;
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }

    @Override
    public void close() throws IOException {
        writer.endWriteSequence();
        out.close();
        writer.dispose();
    }
}
